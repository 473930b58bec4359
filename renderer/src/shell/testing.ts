/** Test fixtures for the shell's model pieces (imported by tests only). */
import type { ModelStatus } from '../../../preload/contract';

/** A loaded, bundled text model named after its id in capitals; `over` changes any field. */
export const modelStatus = (id: string, over: Partial<ModelStatus> = {}): ModelStatus => ({
  id,
  name: id.toUpperCase(),
  family: 'autoregressive',
  task: 'text',
  version: '1',
  ok: true,
  sha256: '',
  sizeBytes: 2_500_000,
  license: 'MIT',
  source: 'bundled',
  ...over,
});
