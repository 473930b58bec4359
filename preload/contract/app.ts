/** The app itself: version, host, data dir, inference state and what the host can do. */
import { z } from 'zod';
import { ExecutionProvider, method, NoInput } from './common';

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  inference: z.object({
    state: z.enum(['starting', 'ready', 'restarting', 'failed']),
    provider: ExecutionProvider,
    providersTried: z.array(z.string()),
    restarts: z.number(),
  }),
  capabilities: z.object({
    saveDialog: z.boolean(),
    dragOut: z.boolean(),
    pickFolder: z.boolean(),
    /** The host was started with a batch queue (`--redis`): the Datasets studio may run on workers. */
    workers: z.boolean(),
  }),
  /** What the user should know since this start, in sentences (e.g. files kept for records a damaged journal lost). */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** What a bug report needs: versions, provider, models and their hashes, the last log lines. No user content. */
export const Diagnostics = z.object({ text: z.string() });

export const app = {
  info: method(NoInput, AppInfo),
  /** A plain-text report for a bug report ("Copy diagnostics"). */
  diagnostics: method(NoInput, Diagnostics),
};
