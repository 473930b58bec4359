/** The Library's section: every kind's records, their files, deletion, and export by the kind's rule. */
import { generationFileName, kinds } from '../../../preload/contract';
import type { Section, ServiceDeps } from '../section';

export function createLibrarySection(deps: ServiceDeps): Section<'library'> {
  const { library, events } = deps;
  return {
    list: (q) => library.list(q),
    get: ({ id }) => library.get(id),
    delete: ({ id }) => {
      const deleted = library.delete(id);
      events.emit('library.changed', { id, change: 'deleted' });
      return { deleted };
    },
    asset: ({ id, role }) => library.readAsset(id, role),
    export: async ({ id }) => {
      const gen = library.get(id);
      if (!deps.host.saveFile) return { savedTo: null };
      const { bytes } = await library.readAsset(id, kinds[gen.kind].exportRole);
      return { savedTo: await deps.host.saveFile(generationFileName(gen), bytes) };
    },
  };
}
