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
      },
    }),
    diagnostics: () => ({ text: diagnosticsText(deps, { version, host: hostName }, logTail) }),
  };
}
