/**
 * "Copy diagnostics": what a bug report needs and nothing a user made. Versions, platform, the
 * inference provider and its state, every model with its hash and whether it loads, how many
 * records of each kind, and the newest log lines (which hold methods, fields, ids and stacks,
 * never prompts, notes or pixels).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, release } from 'node:os';
import { GenerationKind } from '../../preload/contract';
import type { AppInfo } from '../../preload/contract';
import type { ServiceDeps } from './section';

/** How many log lines a report carries. */
export const DIAGNOSTIC_LOG_LINES = 60;

function packageVersionOf(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function diagnosticsText(
  deps: Pick<ServiceDeps, 'registry' | 'inference' | 'library' | 'logger'>,
  info: { version: string; host: AppInfo['host'] },
  logTail: (n: number) => string[],
): string {
  const s = deps.inference.status;
  const counts = GenerationKind.options.map(
    (k) => `${k} ${deps.library.list({ kind: k, limit: 500 }).length}`,
  );
  const lines = [
    `Atelier ${info.version} (${info.host} host)`,
    `platform: ${platform()} ${release()} ${arch()}; node ${process.versions.node}` +
      (process.versions.electron ? `; electron ${process.versions.electron}` : ''),
    `onnxruntime-node ${packageVersionOf('onnxruntime-node')}; better-sqlite3 ${packageVersionOf('better-sqlite3')}`,
    `inference: ${s.state}, provider ${s.provider}, tried [${s.providersTried.join(', ')}], restarts ${s.restarts}`,
    `library (up to 500 each): ${counts.join(', ')}`,
    'models:',
    ...deps.registry
      .status()
      .map(
        (m) =>
          `  ${m.id} ${m.version} ${m.source} ${m.family}/${m.task} sha256 ${m.sha256.slice(0, 16)} ` +
          (m.ok ? 'ok' : `UNAVAILABLE: ${m.error ?? ''}`),
      ),
    `last log lines (newest last):`,
    ...logTail(DIAGNOSTIC_LOG_LINES).map((l) => `  ${l}`),
  ];
  return lines.join('\n');
}
