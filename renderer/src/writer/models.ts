/** The Writer's models: the text models main lists, how the picker names them, which one runs. */
import type { ModelStatus } from '../../../preload/contract';
import { checkFolderPath, type ImportPathCheck } from '../shell/importPath';

export const TEXT_TASK = 'text';
/** The bundled model's id. */
export const BUNDLED_TEXT_ID = 'text';

export function textModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  return (models ?? []).filter((m) => m.task === TEXT_TASK);
}

/** "12.3 MB" (decimal megabytes, one decimal under 100). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const mb = bytes / 1_000_000;
  return `${mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The picker's line: "Tiny GPT-2 · 0.2 MB · imported · 256 tokens" (+ "unavailable"). */
export function modelLabel(m: ModelStatus): string {
  const parts = [m.name, formatSize(m.sizeBytes), m.source];
  if (m.text) parts.push(`${m.text.contextLength} tokens`);
  return parts.join(' · ') + (m.ok ? '' : ' · unavailable');
}

/**
 * The model to run: the chosen one while it is listed and usable, else the bundled model, else
 * the first usable text model; null when none can run.
 */
export function pickTextModel(list: readonly ModelStatus[], chosen: string | null): ModelStatus | null {
  const ok = list.filter((m) => m.ok);
  return ok.find((m) => m.id === chosen) ?? ok.find((m) => m.id === BUNDLED_TEXT_ID) ?? ok[0] ?? null;
}

/** Why the Writer cannot continue, as a sentence (null when it can). */
export function textModelProblem(list: readonly ModelStatus[], picked: ModelStatus | null): string | null {
  if (picked) return null;
  if (list.length === 0) return 'No text model is installed. Import one with “Import model…”.';
  const broken = list[0]!;
  return `The text model “${broken.name}” cannot be used: ${broken.error ?? 'it failed to load.'}`;
}

/** A folder path main will take (absolute, as the contract asks), or the problem. */
export function checkImportPath(raw: string): ImportPathCheck {
  return checkFolderPath(raw, 'Enter the folder that holds model.onnx, config.json and tokenizer.json.');
}
