#!/usr/bin/env node
// `npx atelier …`: runs the CLI from the built output (npm run build), or from source through
// tsx when no build exists yet.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'out', 'main', 'cli.js');
let runCli;
if (existsSync(built)) {
  ({ runCli } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(pathToFileURL(join(root, 'main', 'cli.ts')).href));
}
process.exit(await runCli(process.argv.slice(2)));
