/**
 * The service layer put together: registry, library, inference, jobs, generators and the
 * contract's handlers. Plain Node (no Electron): the Electron host, the browser host and the
 * CLI each create one of these and adapt it to their transport.
 */
import type { z } from 'zod';
import { join } from 'node:path';
import type { AppInfo, Generation } from '../../preload/contract';
import { generationFileName } from '../../preload/names';
import { InferenceClient } from '../inference/client';
import type { SpawnWorker } from '../inference/protocol';
import { createRouter, type Handlers, type Router } from '../router/router';
import { EventBus } from './events';
import type { Generator } from './generators/generator';
import { createTextureGenerator } from './generators/texture';
import { JobManager } from './jobs';
import { createLatentService } from './latent/latent';
import { createImageService } from './image/image';
import { importStableDiffusion, isDiffusionFolder } from './image/import';
import { createMelodyService } from './melody/melody';
import { importOptimumFolder } from './text/import';
import { removeImported, sweepImports } from './models/install';
import { createTextService, type TextService } from './text/text';
import { Library } from './library/library';
import { ModelRegistry } from './models/registry';
import { defaultModelsDir, packageVersion } from './paths';

export interface AtelierOptions {
  dataDir: string;
  modelsDir?: string;
  host: AppInfo['host'];
  spawnWorker: SpawnWorker;
  /** Host-provided save dialog (Electron). Returns the chosen path, or null if the user cancelled. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Host-provided folder picker (Electron's open dialog). Returns the folder, or null if cancelled. */
  pickFolder?: (title: string) => Promise<string | null>;
  /** Host-provided drag of a file out of the window (Electron's webContents.startDrag). */
  startDrag?: (path: string) => void;
}

export interface Atelier {
  router: Router;
  events: EventBus;
  handlers: Handlers;
  library: Library;
  registry: ModelRegistry;
  inference: InferenceClient;
  jobs: JobManager;
  text: TextService;
  close(): Promise<void>;
}

export async function createAtelier(opts: AtelierOptions): Promise<Atelier> {
  const importedDir = join(opts.dataDir, 'models');
  await sweepImports(importedDir);
  const registry = await ModelRegistry.open(opts.modelsDir ?? defaultModelsDir(), importedDir);
  const library = Library.open(opts.dataDir);
  const inference = new InferenceClient(opts.spawnWorker);
  const events = new EventBus();
  const jobs = new JobManager((p) => events.emit('job.progress', p));
  inference.onStatus((s) => events.emit('inference.status', s));
  const deps = { registry, inference, library };
  const version = packageVersion();
  const latent = createLatentService(deps);
  const melody = createMelodyService(deps);
  const text = createTextService(deps);
  const image = createImageService({
    ...deps,
    onPreview: (p) => events.emit('image.preview', p),
    onQueue: (items) => events.emit('image.queue', items),
  });
  const importDeps = { registry, importedDir, inspect: (path: string) => inference.inspect(path) };
  const added = (gen: Generation): Generation => {
    events.emit('library.changed', { id: gen.id, change: 'added' });
    return gen;
  };

  /** One handler shape for every generator: a job with progress and cancel, then "library changed". */
  const generate =
    <S extends z.ZodType>(generator: Generator<S>) =>
    async ({ jobId, params }: { jobId: string; params: z.output<S> }) => {
      const gen = await jobs.run(jobId, (ctx) => generator.run(params, ctx));
      events.emit('library.changed', { id: gen.id, change: 'added' });
      return gen;
    };

  const handlers: Handlers = {
    app: {
      info: () => ({
        version,
        host: opts.host,
        dataDir: opts.dataDir,
        inference: inference.status,
        capabilities: {
          saveDialog: Boolean(opts.saveFile),
          dragOut: Boolean(opts.startDrag),
          pickFolder: Boolean(opts.pickFolder),
        },
      }),
    },
    models: {
      list: () => registry.status(),
      import: async ({ path, link }) => {
        const m = (await isDiffusionFolder(path))
          ? await importStableDiffusion(importDeps, path, { link })
          : await importOptimumFolder(importDeps, path, { link });
        return registry.status().find((s) => s.id === m.id)!;
      },
      pickFolder: async () => ({
        path: opts.pickFolder ? await opts.pickFolder('Import a Hugging Face Optimum model folder') : null,
      }),
      remove: async ({ id }) => {
        const removed = await removeImported(importDeps, id);
        if (removed) {
          text.forget(id);
          await inference.unload(id);
        }
        return { removed };
      },
    },
    texture: {
      generate: generate(createTextureGenerator(deps)),
    },
    latent: {
      decode: (input) => latent.decode(input),
      sample: (input) => latent.sample(input),
      encode: (input) => latent.encode(input),
      save: async (input) => added(await latent.save(input)),
      exportPath: (input) => latent.exportPath(input),
    },
    melody: {
      generate: (input) => melody.generate(input),
      variations: (input) => melody.variations(input),
      interpolate: (input) => melody.interpolate(input),
      continue: (input) => melody.continue(input),
      encode: (input) => melody.encode(input),
      decode: (input) => melody.decode(input),
      save: async (input) => added(await melody.save(input)),
      importMidi: (input) => melody.importMidi(input),
      exportMidi: ({ clip }) => melody.exportMidi(clip),
      startDrag: async ({ clip }) => {
        if (!opts.startDrag) return { started: false };
        opts.startDrag(await melody.writeDragFile(clip, join(opts.dataDir, 'drag')));
        return { started: true };
      },
    },
    image: {
      generate: async ({ jobId, params }) => {
        const out = await jobs.run(jobId, (ctx) => image.generate(jobId, params, ctx));
        for (const g of out.results) events.emit('library.changed', { id: g.id, change: 'added' });
        return out;
      },
      queue: () => image.queue(),
    },
    text: {
      generate: ({ jobId, model, prompt, sampling, preset }) =>
        jobs.run(jobId, (ctx) =>
          text.generate(
            { model, prompt, sampling, preset },
            { signal: ctx.signal, onStream: (s) => events.emit('text.stream', { jobId, ...s }) },
          ),
        ),
      save: async (input) => added(await text.save(input)),
    },
    jobs: {
      cancel: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    },
    library: {
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
        if (!opts.saveFile) return { savedTo: null };
        const role = gen.kind === 'melody' ? 'midi' : gen.kind === 'text' ? 'text' : 'image';
        const { bytes } = await library.readAsset(id, role);
        return { savedTo: await opts.saveFile(generationFileName(gen), bytes) };
      },
    },
  };

  return {
    router: createRouter(handlers, { validateOutput: true }),
    events,
    handlers,
    library,
    registry,
    inference,
    jobs,
    text,
    async close() {
      await inference.dispose();
      library.close();
    },
  };
}
