/**
 * The Atelier contract: every call the renderer can make and every event it can receive,
 * written once. Each section lives in its own file (./texture.ts, ./melody.ts, …); this file
 * lists them. Main validates each call against these schemas (main/router), the preload derives
 * `window.atelier` from the method names, and the renderer's WebSocket client derives the same
 * API from the same object. Nothing here may import Node or Electron: the renderer type-checks
 * against it.
 *
 * Adding a studio: its section file here, one entry in `contract` (and in `events` if it streams).
 */
import { z } from 'zod';
import { app, AppInfo } from './app';
import type { CallResult, MethodDef } from './common';
import { datasets } from './datasets';
import { hub, HubDownload } from './hub';
import { image, ImagePreview, ImageQueueItem } from './image';
import { JobInfo, JobProgress, jobs } from './jobs';
import { labs } from './labs';
import { latent } from './latent';
import { library } from './library';
import { material } from './material';
import { melody } from './melody';
import { models } from './models';
import { palette } from './palette';
import { text, TextStream } from './text';
import { texture } from './texture';

export * from './app';
export * from './common';
export * from './datasets';
export * from './datasets-common';
export * from './datasets-more';
export * from './generation';
export * from './hub';
export * from './image';
export * from './jobs';
export * from './kinds';
export * from './labs';
export * from './latent';
export * from './library';
export * from './material';
export * from './melody';
export * from './models';
export * from './palette';
export * from './text';
export * from './texture';

export const contract = {
  app,
  models,
  hub,
  texture,
  latent,
  melody,
  image,
  text,
  palette,
  material,
  labs,
  datasets,
  jobs,
  library,
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName = {
  [N in Namespace]: `${N & string}.${keyof Contract[N] & string}`;
}[Namespace];

type Def<M extends string> = M extends `${infer N}.${infer K}`
  ? N extends Namespace
    ? K extends keyof Contract[N]
      ? Contract[N][K]
      : never
    : never
  : never;
export type MethodInput<M extends MethodName> =
  Def<M> extends MethodDef<infer I, z.ZodType> ? z.input<I> : never;
export type MethodOutput<M extends MethodName> =
  Def<M> extends MethodDef<z.ZodType, infer O> ? z.output<O> : never;

/** Every method as "namespace.method", derived from the contract. */
export const methodNames: MethodName[] = Object.entries(contract).flatMap(([ns, methods]) =>
  Object.keys(methods).map((m) => `${ns}.${m}` as MethodName),
);

export function methodDef(name: string): MethodDef<z.ZodType, z.ZodType> | undefined {
  const [ns, m, ...rest] = name.split('.');
  if (!ns || !m || rest.length > 0 || !Object.hasOwn(contract, ns)) return undefined;
  const group = contract[ns as Namespace] as Record<string, MethodDef<z.ZodType, z.ZodType>>;
  return Object.hasOwn(group, m) ? group[m] : undefined;
}

/**
 * What main runs for each method: the validated input in, the answer out (validated on the way
 * out too). Each service is one section of this (`Handlers['melody']`, …).
 */
export type Handlers = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? (input: z.output<I>) => Promise<z.input<O>> | z.input<O>
      : never;
  };
};

// ---------------------------------------------------------------------------------------------
// Events

export const events = {
  'job.progress': JobProgress,
  /** A job ended (done, failed or cancelled), with the records it made: any page may show them. */
  'job.finished': JobInfo,
  'inference.status': AppInfo.shape.inference,
  'library.changed': z.object({ id: z.string(), change: z.enum(['added', 'deleted']) }),
  /** Image studio: the current estimate of a running `image.generate`. */
  'image.preview': ImagePreview,
  /** Image studio: the queue changed. */
  'image.queue': z.array(ImageQueueItem),
  /** Writer: the tokens of a running `text.generate`, as they are drawn. */
  'text.stream': TextStream,
  /** Models view: a hub download moved (progress, paused, verified, installed, failed). */
  'hub.download': HubDownload,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

// ---------------------------------------------------------------------------------------------
// The API both transports present to the renderer

export type AtelierApi = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? undefined extends z.input<I>
        ? (input?: z.input<I>) => Promise<z.output<O>>
        : (input: z.input<I>) => Promise<z.output<O>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * What the Electron preload puts on `window.atelier`: the same named methods, answering the
 * result envelope instead of throwing, because contextBridge keeps only an error's message and
 * the renderer needs its code and field. renderer/src/api turns it into an `AtelierApi`.
 */
export type BridgeApi = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? (input?: z.input<I>) => Promise<CallResult<z.output<O>>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Channel names shared by the preload and the Electron adapter (one prefix, VS Code style). */
export const IPC_CALL = 'atelier:call';
export const IPC_EVENT = 'atelier:event';
