/**
 * What every service is built from, and what it is: a section of the contract. A service is a
 * factory `(deps: ServiceDeps) => Handlers['<namespace>']`, so `atelier.ts` composes sections and
 * never forwards methods one by one; its inputs arrive validated by the router and its answers
 * are checked against the contract on the way out.
 */
import type { Handlers, Namespace } from '../../preload/contract';
import type { InferenceClient } from '../inference/client';
import type { Logger } from '../log/logger';
import type { EventBus } from './events';
import type { JobManager } from './jobs';
import type { Library } from './library/library';
import type { ModelRegistry } from './models/registry';

export type Section<N extends Namespace> = Handlers[N];

/** What only some hosts can do (Electron's dialogs and drag); absent elsewhere. */
export interface HostCapabilities {
  /** A save dialog. Returns the chosen path, or null if the user cancelled. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** A folder picker. Returns the folder, or null if cancelled. */
  pickFolder?: (title: string) => Promise<string | null>;
  /** A drag of a file out of the window. */
  startDrag?: (path: string) => void;
  /**
   * The OS keychain (Electron's safeStorage): encrypt and decrypt a secret such as a hub token.
   * Absent where the host has none (the browser host keeps such secrets in memory only).
   */
  secrets?: { encrypt(plain: string): Buffer; decrypt(sealed: Buffer): string };
}

/** The batch queue the host was started with (`--redis URL`, `ATELIER_REDIS_URL`): never from a page. */
export interface QueueConfig {
  /** redis:// or rediss:// (see docs/batch.md). */
  url: string;
  /** How many sources' items an augment run keeps in flight on the workers (default 16). */
  lookahead?: number;
}

export interface ServiceDeps {
  registry: ModelRegistry;
  inference: InferenceClient;
  library: Library;
  events: EventBus;
  jobs: JobManager;
  logger: Logger;
  dataDir: string;
  host: HostCapabilities;
  /** Where `workers: true` calls send their work; absent when the host has no queue. */
  queue?: QueueConfig;
  /** Runs `listener` when an imported model is removed (services drop what they cached for it). */
  onModelRemoved(listener: (id: string) => void): void;
}

/** A record just written: every page hears of it (`library.changed`), and the caller gets it. */
export function announce<G extends { id: string }>(deps: Pick<ServiceDeps, 'events'>, gen: G): G {
  deps.events.emit('library.changed', { id: gen.id, change: 'added' });
  return gen;
}
