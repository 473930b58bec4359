/** How records and their numbers are shown, and the list logic of library listings. */
import type { Generation } from '../../../preload/contract';

/** "850 ms" (whole milliseconds; the record's duration as measured). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return `${Math.round(ms)} ms`;
}

/** "1024 × 1024 px", or "—" when the record has no dimensions. */
export function formatDimensions(width: number | null, height: number | null): string {
  if (width === null || height === null) return '—';
  return `${width} × ${height} px`;
}

/** Execution provider as shown in the UI: "CPU", "CUDA". */
export function formatProvider(provider: string): string {
  return provider.toUpperCase();
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(ms: number, format: Intl.DateTimeFormat = dateTime): string {
  return Number.isFinite(ms) ? format.format(new Date(ms)) : '—';
}

/** Newest first; ties broken by id so the order is stable across refreshes. */
export function newestFirst(list: readonly Generation[]): Generation[] {
  return [...list].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The list after removing one generation (used right after a delete succeeds). */
export function withoutGeneration(list: readonly Generation[], id: string): Generation[] {
  return list.filter((g) => g.id !== id);
}

/** The list with a just-saved generation in front (replacing an older copy of it). */
export function withGenerationFirst(list: readonly Generation[], gen: Generation): Generation[] {
  return [gen, ...withoutGeneration(list, gen.id)];
}

/** The list with a further page appended, leaving out generations it already holds. */
export function withPage(list: readonly Generation[], page: readonly Generation[]): Generation[] {
  const seen = new Set(list.map((g) => g.id));
  return [...list, ...page.filter((g) => !seen.has(g.id))];
}

/** Whether a page came back full, so an older one may follow. */
export function isFullPage(page: readonly Generation[], limit: number): boolean {
  return page.length >= limit;
}
