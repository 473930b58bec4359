/** The app's own section: what this Atelier is, where its data lives, what its host can do. */
import type { AppInfo } from '../../preload/contract';
import { diagnosticsText } from './diagnostics';
import { packageVersion } from './paths';
import type { Section, ServiceDeps } from './section';

export function createAppSection(
  deps: ServiceDeps,
  hostName: AppInfo['host'],
  logTail: (n: number) => string[],
): Section<'app'> {
  const version = packageVersion();
  return {
    info: () => ({
      version,
      host: hostName,
      dataDir: deps.dataDir,
      inference: deps.inference.status,
      capabilities: {
        saveDialog: Boolean(deps.host.saveFile),
        dragOut: Boolean(deps.host.startDrag),
        pickFolder: Boolean(deps.host.pickFolder),
        workers: Boolean(deps.queue),
      },
      notices: startNotices(deps),
    }),
    diagnostics: () => ({ text: diagnosticsText(deps, { version, host: hostName }, logTail) }),
  };
}

/** What the user should hear about this start. */
function startNotices(deps: ServiceDeps): string[] {
  const n = deps.library.recovered;
  if (n === 0) return [];
  return [
    `Atelier found the files of ${n} generation${n === 1 ? '' : 's'} whose library record${n === 1 ? ' was' : 's were'} lost ` +
      `(the library's journal may have been damaged, or Atelier stopped mid-save). Nothing was deleted: the files are in ${deps.library.recoveredDir}.`,
  ];
}
