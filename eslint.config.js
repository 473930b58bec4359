// @ts-check
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

const electronOnlyInElectron = {
  name: 'electron',
  message: "Only main/electron/ may import 'electron'; services run under plain Node.",
};
const ortOnlyInWorker = {
  name: 'onnxruntime-node',
  message: 'Only main/inference/worker.ts (the inference process) may load onnxruntime-node.',
};
const ortWebOnlyInBench = {
  name: 'onnxruntime-web',
  message:
    "onnxruntime-web is the bench's peer only; the app runs onnxruntime-node in the inference process.",
};

// The renderer's import rules, shared by the blocks below.
const rendererImports = {
  paths: [{ name: 'electron', message: 'The renderer reaches main only through window.atelier / api/.' }],
  patterns: [
    { group: nodeBuiltins, message: 'The renderer never sees Node.' },
    {
      group: ['**/main/**', '**/preload/index', '**/preload/index.ts'],
      message:
        'The renderer may import only the shared modules of preload/ (never main/ or the Electron bridge).',
    },
  ],
};
/**
 * The studio folders of renderer/src/ (the Library view included): every folder there but the
 * shared ones, read from disk so a new studio's folder is covered without a list to edit.
 */
const sharedRendererFolders = ['shell', 'canvas', 'api'];
const studioFolders = readdirSync(fileURLToPath(new URL('renderer/src', import.meta.url)), {
  withFileTypes: true,
})
  .filter((d) => d.isDirectory() && !sharedRendererFolders.includes(d.name))
  .map((d) => d.name)
  .sort();
/**
 * The renderer's rules, plus refusing the given studio folders and the registry that names them all.
 * @param {string[]} folders
 * @param {string} message
 * @returns {import('eslint').Linter.RuleEntry}
 */
const rendererImportsRefusing = (folders, message) => [
  'error',
  {
    ...rendererImports,
    patterns: [
      ...rendererImports.patterns,
      { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message },
      {
        regex: '^(\\.\\./)+studios(\\.tsx?)?$',
        message: 'Only App.tsx reads the registry (src/studios.ts), which imports every studio.',
      },
    ],
  },
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
  // and only the inference process (main/inference/worker.ts) loads onnxruntime-node, so a native
  // crash can never take main down. The bench (a measuring tool, not the app) runs onnxruntime-node
  // beside its peer onnxruntime-web in one process to compare them side by side.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/index.ts', 'main/inference/worker.ts', 'main/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectron, ortOnlyInWorker, ortWebOnlyInBench],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ortOnlyInWorker, ortWebOnlyInBench] }] },
  },
  {
    files: ['main/inference/worker.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInElectron, ortWebOnlyInBench] }] },
  },
  {
    files: ['main/bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInElectron] }] },
  },
  // The renderer sees neither Node nor Electron: only the contract through its api/ client.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererImports],
    },
  },
  // Studios never import each other (what two share lives in shell/), nor does the shell or the
  // canvas import a studio; only src/studios.ts, the registry, names them all. Flat config replaces
  // a rule's options, so each block repeats the renderer's own.
  ...studioFolders.map((folder) => ({
    files: [`renderer/src/${folder}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': rendererImportsRefusing(
        studioFolders.filter((f) => f !== folder),
        'A studio never imports another studio: move what both use to shell/.',
      ),
    },
  })),
  {
    files: ['renderer/src/shell/**/*.{ts,tsx}', 'renderer/src/canvas/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': rendererImportsRefusing(
        studioFolders,
        'shell/ and canvas/ serve every studio and import none (studios reach the app through src/studios.ts).',
      ),
    },
  },
  // Every module in preload/ but the Electron bridge (index.ts) is shared with the renderer, main
  // and the CLI: one rule for all of them, no list to keep.
  {
    files: ['preload/**/*.ts'],
    ignores: ['preload/index.ts'],
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
