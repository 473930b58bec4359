// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'net',
  'http',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'models/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**', 'e2e/**', '*.config.*', 'preload/index.ts'],
    languageOptions: { globals: globals.node },
  },
  // Process boundaries are enforced here, not by hope (Signal Desktop's rule):
  // only main/electron/ (and the Electron entry) may import 'electron'.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: "Only main/electron/ may import 'electron'; services run under plain Node.",
            },
          ],
        },
      ],
    },
  },
  // The renderer sees neither Node nor Electron: only the contract through its api/ client.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.atelier / api/.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer never sees Node.' },
            {
              group: ['**/main/**'],
              message: 'The renderer may import only the contract (preload/contract, preload/wire).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'preload/contract.ts',
      'preload/wire.ts',
      'preload/names.ts',
      'preload/latent.ts',
      'preload/melody.ts',
      'preload/text.ts',
      'preload/image.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared with the renderer: no Electron.' }],
          patterns: [{ group: nodeBuiltins, message: 'The contract is shared with the renderer: no Node.' }],
        },
      ],
    },
  },
);
