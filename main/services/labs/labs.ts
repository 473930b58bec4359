/**
 * The Labs studio's service: a lab's whole state saved to the library (a `lab` record whose
 * `state` asset is the JSON file Labs opens, and a thumbnail), opened again, and a trained flow or
 * VAE exported as ONNX. Training runs in the page (a Web Worker) or in `atelier lab train`, never
 * here; main only checks and keeps what crosses the contract.
 *
 * Checking a state means opening it as the engine would (./check.ts): tens of milliseconds for a
 * flow or a VAE (their baselines and grids), so it runs in a worker thread (./thread.ts), started
 * on the first call; tfjs and the engines never load into main.
 */
import { AtelierError, invalid, labOnnxFileName } from '../../../preload/contract';
import { LabStateSchema, type LabState } from '../../../preload/labs/state';
import { decodeF32 } from '../../../preload/labs/weights';
import { encodePng } from '../../inference/image';
import { announce, type Section, type ServiceDeps } from '../section';
import { createLabsThread, type LabsThread } from './thread';
import { drawDataThumbnail } from './thumbnail';

/** Where a saved lab ran (every lab trains on tfjs's plain-JavaScript backend). */
export const LABS_PROVIDER = 'tfjs-cpu';

/** `thread` checks and exports states off main's event loop (started on the first call). */
export function createLabsSection(
  deps: ServiceDeps,
  thread: LabsThread = createLabsThread(),
): Section<'labs'> {
  const { library } = deps;

  /** A record's state file, or an error naming the record (missing file, damaged JSON, wrong shape). */
  const readState = async (id: string): Promise<LabState> => {
    const gen = library.get(id);
    if (gen.kind !== 'lab') throw invalid(`Generation ${id} is a ${gen.kind}, not a saved lab.`, 'id');
    const named = `The lab "${gen.title.slice(0, 80)}" (${id})`;
    let text: string;
    try {
      text = new TextDecoder().decode((await library.readAsset(id, 'state')).bytes);
    } catch (e) {
      if (e instanceof AtelierError)
        throw new AtelierError({
          code: 'not-found',
          message: `${named} cannot be opened: its state file is missing from the data folder.`,
          field: 'id',
        });
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = LabStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (at ${issue.path.join('.').slice(0, 60)})` : '';
      const why =
        json === undefined ? 'it is not JSON' : `${issue?.message ?? 'it is not a lab state'}${where}`;
      deps.logger.warn('labs: a saved state cannot be read', { id, why });
      throw new AtelierError({
        code: 'internal',
        message: `${named} cannot be opened: its state file is damaged (${why}). The rest of the library is fine.`,
        field: 'id',
      });
    }
    return parsed.data;
  };

  return {
    async save({ title, state, thumbnail }) {
      const started = performance.now();
      const { settings, rows } = await thread.check(state);
      // The file keeps the record's title, so a lab exported and opened elsewhere keeps its name.
      const kept: LabState = { ...state, title };
      const picture =
        thumbnail ??
        encodePng(drawDataThumbnail(state.data.dim, decodeF32(state.data.points), state.data.side));
      const gen = await library.add({
        kind: 'lab',
        modelId: '',
        modelSha256: '',
        provider: LABS_PROVIDER,
        seed: state.seed,
        params: {
          lab: state.lab,
          iteration: state.iteration,
          data: state.data.source,
          points: rows,
          settings,
          metrics: state.metrics ?? {},
        },
        parentId: null,
        durationMs: performance.now() - started,
        width: null,
        height: null,
        title,
        assets: [
          {
            role: 'state',
            mime: 'application/json',
            ext: 'json',
            bytes: new TextEncoder().encode(JSON.stringify(kept)),
          },
          { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: picture },
        ],
      });
      return announce(deps, gen);
    },

    open: async ({ id }) => ({ state: await readState(id) }),

    async exportOnnx({ state }) {
      return {
        fileName: labOnnxFileName(state.lab, state.iteration),
        mime: 'application/octet-stream',
        bytes: await thread.onnx(state),
      };
    },
  };
}
