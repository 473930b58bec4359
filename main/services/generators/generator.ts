/**
 * The shape every generator shares: a parameters schema (from the contract), and `run`, which
 * reports progress, honours cancellation and writes its result to the library. A new studio
 * adds one module like ./texture.ts, a contract section, a CLI subcommand and a renderer folder.
 */
import type { z } from 'zod';
import type { Generation, GenerationKind } from '../../../preload/contract';
import type { InferenceClient } from '../../inference/client';
import type { JobContext } from '../jobs';
import type { Library } from '../library/library';
import type { ModelRegistry } from '../models/registry';

export interface GeneratorDeps {
  registry: ModelRegistry;
  inference: InferenceClient;
  library: Library;
}

export interface Generator<S extends z.ZodType> {
  kind: GenerationKind;
  params: S;
  run(params: z.output<S>, ctx: JobContext): Promise<Generation>;
}
