/**
 * A lab state checked the way Labs opens it, beyond its file schema (which the router has already
 * applied): the lab's own settings schema, data that fits the lab, charts whose series match their
 * iterations, and weights that load into the engine (names and shapes). Each refusal names the
 * field under `state`. Loads tfjs and the engines: it runs in the Labs worker thread (./worker.ts).
 */
import { invalid } from '../../../preload/contract';
import { MAX_POINTS } from '../../../preload/labs/data';
import { encodeOnnx } from '../../../preload/labs/onnx';
import { checkSettings, LabSession, LabSettingsError } from '../../../preload/labs/session';
import type { LabState } from '../../../preload/labs/state';
import { labFactories } from '../../../preload/labs/registry';
import { decodeF32 } from '../../../preload/labs/weights';
import type { Checked } from './protocol';

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');

/** The settings as the lab's schema reads them (defaults filled), or a refusal naming the field. */
export function checkedSettings(state: LabState): Record<string, unknown> {
  try {
    return checkSettings(labFactories[state.lab], state.settings);
  } catch (e) {
    if (e instanceof LabSettingsError)
      throw invalid(`The lab's settings are not valid: ${reason(e)}.`, 'state.settings');
    throw e;
  }
}

/** The data's values, checked against the lab (2-D points, or square images where it has an image mode). */
export function checkedData(state: LabState): Float32Array {
  const { dim, side } = state.data;
  const factory = labFactories[state.lab];
  if (dim !== 2 && !(factory.images && side !== undefined && side * side === dim))
    throw invalid(
      factory.images
        ? `The lab's data must be 2-D points or square images (dim = side²); it has dim ${dim}${side ? ` and side ${side}` : ''}.`
        : `The ${state.lab} lab trains on 2-D points; this state's data has dim ${dim}.`,
      'state.data.dim',
    );
  let values: Float32Array;
  try {
    values = decodeF32(state.data.points);
  } catch (e) {
    throw invalid(`The lab's data points are not valid: ${reason(e)}.`, 'state.data.points');
  }
  const rows = values.length / dim;
  if (!Number.isInteger(rows) || rows < 1)
    throw invalid(
      `The lab's data holds ${values.length} numbers, not whole rows of ${dim}.`,
      'state.data.points',
    );
  if (rows > MAX_POINTS)
    throw invalid(
      `The lab's data holds ${rows} rows; a lab takes at most ${MAX_POINTS}.`,
      'state.data.points',
    );
  return values;
}

function checkCharts(state: LabState): void {
  const n = state.charts.iterations.length;
  for (const [k, series] of Object.entries(state.charts.series))
    if (series.length !== n)
      throw invalid(
        `The lab's chart "${k.slice(0, 40)}" holds ${series.length} values for ${n} iterations.`,
        `state.charts.series.${k.slice(0, 40)}`,
      );
}

/**
 * The state opened as a live session (the caller disposes it), with its checked settings; every
 * problem is an `invalid-input` naming the field.
 */
export async function openChecked(
  state: LabState,
): Promise<{ session: LabSession; settings: Record<string, unknown>; rows: number }> {
  const settings = checkedSettings(state);
  const rows = checkedData(state).length / state.data.dim;
  checkCharts(state);
  try {
    return { session: await LabSession.fromState(state), settings, rows };
  } catch (e) {
    // Settings and data passed above: what is left is mostly the weights (a missing tensor, a
    // wrong shape, values that are not float32: weights.ts's and the optimizers' words), else a
    // combination the engine refuses.
    if (/saved|weights|optimizer|base64|float32/i.test(reason(e)))
      throw invalid(`The lab's weights do not fit its model: ${reason(e)}.`, 'state.weights');
    throw invalid(`The lab state cannot be opened: ${reason(e)}.`, 'state');
  }
}

/** The state checked as Labs opens it: its settings as the lab reads them and its rows of data. */
export async function checkState(state: LabState): Promise<Checked> {
  const { session, settings, rows } = await openChecked(state);
  session.dispose();
  return { settings, rows };
}

/** The trained model as ONNX bytes, or a refusal when the lab has no graph to export. */
export async function onnxOf(state: LabState): Promise<Uint8Array<ArrayBuffer>> {
  const { session } = await openChecked(state);
  try {
    const spec = session.engine.onnx?.();
    if (!spec)
      throw invalid(
        `The ${state.lab} lab has no ONNX export; the flow (x → z, log p) and the VAE's decoder (z → x) have one.`,
        'state.lab',
      );
    return encodeOnnx(spec);
  } finally {
    session.dispose();
  }
}
