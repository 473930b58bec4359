/**
 * The texture-canvas element's data-state, for people reading the DOM and for end-to-end tests:
 * empty (nothing generated yet), generating (a job runs; the previous image may still show),
 * loading (the image is being fetched/decoded/drawn), ready (the image has been drawn),
 * error (the image could not be loaded).
 */
export type CanvasState = 'empty' | 'generating' | 'loading' | 'ready' | 'error';

export function canvasState(args: {
  running: boolean;
  generationId: string | null;
  failed: boolean;
  drawn: boolean;
}): CanvasState {
  if (args.running) return 'generating';
  if (!args.generationId) return 'empty';
  if (args.failed) return 'error';
  return args.drawn ? 'ready' : 'loading';
}
