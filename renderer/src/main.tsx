import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Be Vietnam Pro, shipped in the build (woff2 with the Vietnamese subset): no font CDN.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/app.css';
import './i18n';
import { createAppClient } from './api/client';
import { ApiProvider } from './api/hooks';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider client={createAppClient()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
