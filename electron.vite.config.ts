import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { cspMeta } from './main/csp';

/** Writes the one CSP (main/csp.ts) into index.html as a meta tag, for pages served without our headers. */
function cspPlugin(): Plugin {
  return {
    name: 'atelier-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) =>
        html.replace(
          '<!-- atelier:csp (the build writes the Content-Security-Policy meta here, from main/csp.ts) -->',
          `<meta http-equiv="Content-Security-Policy" content="${cspMeta(Boolean(ctx.server))}" />`,
        ),
    },
  };
}

// Three process roots. main/ holds four Node entries: the Electron app, the inference process,
// the browser host and the CLI; all share the services and run without Electron except index.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          inference: resolve('main/inference/worker.ts'),
          serve: resolve('main/serve.ts'),
          cli: resolve('main/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload cannot load ES modules: emit CommonJS (.cjs under "type": "module").
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: resolve('out/renderer'),
      // The browser host serves this over HTTP too: ship it minified.
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react(), cspPlugin()],
  },
});
