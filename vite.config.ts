import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one Vite app used by both shells: Electron loads dist/renderer over
// app://, web mode serves the same files over HTTP. `npm run dev` proxies the API to a
// web-mode server (start it with `npm run serve -- --port 4318`).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    // SABAN_RENDERER_DIR lets parallel test runs build into separate folders.
    outDir: process.env.SABAN_RENDERER_DIR ?? '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:4318', changeOrigin: false } },
  },
});
