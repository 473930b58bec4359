/**
 * The models of one task (text, image, …) as a studio's picker shows them: the listing filtered to
 * the task, each model's line, which one runs and why none can.
 */
import type { ModelStatus } from '../../../preload/contract';

/** The listed models of `task`, in main's order. */
export function taskModels(models: readonly ModelStatus[] | null, task: string): ModelStatus[] {
  return (models ?? []).filter((m) => m.task === task);
}

/** "12.3 MB" (decimal megabytes, one decimal under 100). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const mb = bytes / 1_000_000;
  return `${mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** "Name · 2.5 MB · imported" (+ " · detail" when given) (+ " · unavailable" when broken). */
export function modelLine(m: ModelStatus, detail?: string): string {
  const parts = [m.name, formatSize(m.sizeBytes), m.source];
  if (detail) parts.push(detail);
  return parts.join(' · ') + (m.ok ? '' : ' · unavailable');
}

/**
 * The model to run: the chosen one while it is listed and usable, else the bundled one, else the
 * first usable one; null when none can run. Usable = loaded (`ok`) and passing `usable`.
 */
export function pickModel(
  list: readonly ModelStatus[],
  chosen: string | null,
  bundledId: string,
  usable: (m: ModelStatus) => boolean = () => true,
): ModelStatus | null {
  const ok = list.filter((m) => m.ok && usable(m));
  return ok.find((m) => m.id === chosen) ?? ok.find((m) => m.id === bundledId) ?? ok[0] ?? null;
}

/**
 * Why the studio cannot run, as a sentence (null when a model was picked): `none` when the task
 * has no model at all, else the first listed model's failure ("The <noun> model “X” cannot be used: …").
 */
export function modelProblem(
  list: readonly ModelStatus[],
  picked: ModelStatus | null,
  noun: string,
  none: string,
): string | null {
  if (picked) return null;
  if (list.length === 0) return none;
  const broken = list[0]!;
  return `The ${noun} model “${broken.name}” cannot be used: ${broken.error ?? 'it failed to load.'}`;
}
