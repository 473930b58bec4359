/**
 * The service layer put together: registry, library, inference, jobs, and one section of the
 * contract per service. Plain Node (no Electron): the Electron host, the browser host and the CLI
 * each create one of these and adapt it to their transport.
 *
 * Adding a studio: its service module exports `create<Name>Section(deps): Section<'<name>'>`, and
 * `handlers` below gets one line for it.
 */
import { join } from 'node:path';
import type { AppInfo, Handlers } from '../../preload/contract';
import { InferenceClient } from '../inference/client';
import type { SpawnWorker } from '../inference/protocol';
import { createFileLogger } from '../log/file';
import type { Logger } from '../log/logger';
import { createRouter, type Router } from '../router/router';
import { createAppSection } from './app';
import { createDatasetsSection } from './datasets/section';
import { EventBus } from './events';
import { createHubService } from './hub/section';
import { createImageSection } from './image/image';
import { JobManager } from './jobs';
import { createLabsSection } from './labs/labs';
import { createLatentSection } from './latent/latent';
import { Library } from './library/library';
import { createLibrarySection } from './library/section';
import { createMaterialSection } from './material/section';
import { createMelodySection } from './melody/melody';
import { sweepImports } from './models/install';
import { ModelRegistry } from './models/registry';
import { createModelsSection } from './models/section';
import { createPaletteSection } from './palette/palette';
import { defaultModelsDir } from './paths';
import type { HostCapabilities, QueueConfig, ServiceDeps } from './section';
import { createTextSection, createTextService, type TextService } from './text/text';
import { createTextureSection } from './texture/texture';

export interface AtelierOptions extends HostCapabilities {
  dataDir: string;
  modelsDir?: string;
  /** better-sqlite3's native build for this runtime (the Electron host's Electron build); default: Node's. */
  sqliteBinding?: string;
  host: AppInfo['host'];
  spawnWorker: SpawnWorker;
  /** Where internal errors, crashes and refused calls go (default: the data dir's rotating log file). */
  logger?: Logger & { tail?(n: number): string[] };
  /** A batch queue (Redis) for `workers: true` calls: given at start, never by a page. */
  queue?: QueueConfig;
}

export interface Atelier {
  router: Router;
  events: EventBus;
  handlers: Handlers;
  library: Library;
  registry: ModelRegistry;
  inference: InferenceClient;
  jobs: JobManager;
  /** The Writer's engine (tokenizers, cache-less runs): for tests and the bench. */
  text: TextService;
  logger: Logger;
  close(): Promise<void>;
}

export async function createAtelier(opts: AtelierOptions): Promise<Atelier> {
  const logger = opts.logger ?? createFileLogger(opts.dataDir);
  const logTail = (n: number): string[] => logger.tail?.(n) ?? [];
  const importedDir = join(opts.dataDir, 'models');
  await sweepImports(importedDir);
  const registry = await ModelRegistry.open(opts.modelsDir ?? defaultModelsDir(), importedDir);
  const library = Library.open(opts.dataDir, { nativeBinding: opts.sqliteBinding });
  library.logger = logger;
  const inference = new InferenceClient(opts.spawnWorker, { logger });
  const events = new EventBus(logger);
  const jobs = new JobManager((p) => events.emit('job.progress', p), {
    onFinished: (j) => events.emit('job.finished', j),
  });
  inference.onStatus((s) => events.emit('inference.status', s));
  const removedListeners: ((id: string) => void)[] = [];
  const deps: ServiceDeps = {
    registry,
    inference,
    library,
    events,
    jobs,
    logger,
    dataDir: opts.dataDir,
    host: { saveFile: opts.saveFile, pickFolder: opts.pickFolder, startDrag: opts.startDrag },
    ...(opts.queue ? { queue: opts.queue } : {}),
    onModelRemoved: (listener) => removedListeners.push(listener),
  };
  const text = createTextService(deps);
  const hub = createHubService(deps, { secrets: opts.secrets });

  // One line per section of the contract.
  const handlers: Handlers = {
    app: createAppSection(deps, opts.host, logTail),
    models: createModelsSection(deps, (id) => removedListeners.forEach((l) => l(id))),
    texture: createTextureSection(deps),
    latent: createLatentSection(deps),
    melody: createMelodySection(deps),
    image: createImageSection(deps),
    text: createTextSection({ ...deps, jobs: jobs.withDefaults({ kind: 'text', label: 'Writer' }) }, text),
    palette: createPaletteSection(deps),
    material: createMaterialSection(deps),
    labs: createLabsSection(deps),
    datasets: createDatasetsSection(deps),
    jobs: { cancel: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }), list: () => jobs.list() },
    library: createLibrarySection(deps),
    hub: hub.section,
  };

  return {
    router: createRouter(handlers, { validateOutput: true, logger }),
    events,
    handlers,
    library,
    registry,
    inference,
    jobs,
    text,
    logger,
    async close() {
      // A download stops where it is (its .part files resume next time) before the rest closes.
      await hub.close();
      await inference.dispose();
      library.close();
    },
  };
}
