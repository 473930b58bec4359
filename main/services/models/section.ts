/** The models every studio picks from: list, import (a text decoder or a diffusion pipeline), removal. */
import { join } from 'node:path';
import type { Section, ServiceDeps } from '../section';
import { importModelFolder, thisMachine } from './import-folder';
import { removeImported } from './install';

export function createModelsSection(deps: ServiceDeps, removed: (id: string) => void): Section<'models'> {
  const { registry, inference } = deps;
  const importDeps = {
    registry,
    importedDir: join(deps.dataDir, 'models'),
    inspect: (path: string) => inference.inspect(path),
  };
  return {
    list: () => registry.status(),
    import: async ({ path, link, variant }) => {
      const machine = thisMachine(inference.status);
      const m = await importModelFolder(importDeps, path, { link, machine, ...(variant ? { variant } : {}) });
      return registry.status().find((s) => s.id === m.id)!;
    },
    pickFolder: async () => ({
      path: deps.host.pickFolder ? await deps.host.pickFolder('Import a Hugging Face Optimum model folder') : null,
    }),
    remove: async ({ id }) => {
      const gone = await removeImported(importDeps, id);
      if (gone) {
        removed(id);
        await inference.unload(id);
      }
      return { removed: gone };
    },
  };
}
