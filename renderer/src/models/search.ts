/**
 * The Models view's search logic: the task filter (All / Text / Image) and where it comes from (a
 * studio's "Find models…"), the search call's input, the curated list under the filter, and the
 * numbers and names a result row shows.
 */
import type { HubModelSummary, HubTask } from '../../../preload/contract';

export type TaskFilter = 'all' | HubTask;
export const TASK_FILTERS: readonly TaskFilter[] = ['all', 'text', 'image'];

const FILTER_LABELS: Record<TaskFilter, string> = { all: 'All', text: 'Text', image: 'Image' };
export const filterLabel = (f: TaskFilter): string => FILTER_LABELS[f];

/** The filter a view request asks for (`{ task: 'text' }`), or null when it names none. */
export function filterFrom(params: Readonly<Record<string, string>>): TaskFilter | null {
  const t = params.task;
  return t === 'all' || t === 'text' || t === 'image' ? t : null;
}

/** What `hub.search` gets for the box and the filter. */
export function searchInput(query: string, filter: TaskFilter): { query: string; task?: HubTask; limit: number } {
  const q = query.trim().slice(0, 200);
  return filter === 'all' ? { query: q, limit: 30 } : { query: q, task: filter, limit: 30 };
}

/** The models of the filter's task (all of them for "All"). */
export const underFilter = (models: readonly HubModelSummary[], filter: TaskFilter): HubModelSummary[] =>
  models.filter((m) => filter === 'all' || m.task === filter);

/** "980", "12.3k", "4.5M". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)}M`;
}

/** The studio that runs a task's models: its view id and what the page calls it. */
export interface TaskStudio {
  view: string;
  task: HubTask;
  /** "Text", "Image" (the badge). */
  label: string;
}
export const TASK_STUDIOS: Readonly<Record<HubTask, TaskStudio>> = {
  text: { view: 'writer', task: 'text', label: 'Text' },
  image: { view: 'images', task: 'image', label: 'Image' },
};

/** The badge of a row's task: "Text", "Image", or "Other" when the hub's tags name neither. */
export const taskBadge = (task: HubTask | null): string => (task ? TASK_STUDIOS[task].label : 'Other');

/** The studio a listed model's task belongs to (`ModelStatus.task` is the studio's task name). */
export function studioForTask(task: string): TaskStudio | null {
  return task === 'text' || task === 'image' ? TASK_STUDIOS[task] : null;
}

/** "Updated 3 Mar 2026" from the hub's ISO date; empty when it gave none or an unreadable one. */
export function updatedLine(iso: string | null, format: Intl.DateTimeFormat = DAY): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : `updated ${format.format(t)}`;
}
const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
