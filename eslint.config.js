// Lint, and the layer boundaries (VS Code-style: a layer never imports upward):
//   shared/          plain TS used by core and renderer: no electron, no Node built-ins, nothing from electron/ or renderer/
//   electron/core/   plain Node core: never electron, never a shell (server/main/preload/cli)
//   electron/server, electron/cli: web mode and commands: never electron
//   electron/main, electron/preload: the only places that may import electron
//   renderer/        browser code: never electron, never Node built-ins, never the core
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in the renderer too: no Node built-ins.' }))],
          patterns: [{ group: ['**/electron/*', '**/renderer/*'], message: 'shared/ imports nothing from electron/ or renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['**/server/*', '**/main/*', '**/preload/*', '**/cli/*', '**/renderer/*'], message: 'The core may not import a shell or the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts', 'bench/**/*.ts', 'tests/unit/**/*.ts', 'tests/integration/**/*.ts', 'tests/e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/main', '**/preload/*'], message: 'Web mode and tests never load Electron code.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed browser: no Node built-ins.' }))],
          patterns: [{ group: ['**/electron/*'], message: 'The renderer reaches the core only through the API client.' }],
        },
      ],
    },
  },
);
