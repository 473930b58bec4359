/**
 * `atelier models search|download`: the Hugging Face hub from the command line, through the same
 * `hub` section as the Models view (HF_ENDPOINT points both at another hub, HF_TOKEN gives a
 * token for gated models). Search prints a table; download shows its progress on stderr (a
 * rewritten line on a terminal, a line per 10% otherwise), prints the installed model's id, and
 * Ctrl+C pauses it — the same command again resumes from the bytes already fetched.
 */
import { HubRepoId, HubVariantId, type HubDownload, type HubModelSummary } from '../../preload/contract';
import { flags, intFlag } from './args';
import { UsageError } from './errors';
import { withAtelier, type Session } from './session';

export const searchUsage =
  'models search QUERY [--task text|image] [--limit N]   (the Hugging Face hub; HF_ENDPOINT for another hub)';
export const downloadUsage =
  'models download REPO [--variant fp32|fp16|q4|…] [--revision R]   (the suggested variant by default; Ctrl+C pauses, run again to resume)';

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** A hub repository id as the contract takes it, or a usage error naming what was typed. */
export function repoArg(repo: string | undefined): string {
  if (repo === undefined) throw new UsageError('models download needs one REPO ("owner/name")');
  if (!HubRepoId.safeParse(repo).success)
    throw new UsageError(`REPO must be a hub repository, "owner/name", got "${repo.slice(0, 80)}"`);
  return repo;
}

/** A variant name (fp32, fp16, q4, …), or a usage error. */
export function variantArg(variant: string | undefined): string | undefined {
  if (variant !== undefined && !HubVariantId.safeParse(variant).success)
    throw new UsageError(
      `--variant must be a variant name such as fp32, fp16, int8 or q4, got "${variant.slice(0, 40)}"`,
    );
  return variant;
}

export async function search(args: string[]): Promise<void> {
  const [query, ...rest] = args;
  if (query === undefined || query.startsWith('--'))
    throw new UsageError('models search needs a QUERY (use "" for any)');
  const values = flags(rest, {
    task: { type: 'string' },
    limit: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const task = values.task;
  if (task !== undefined && task !== 'text' && task !== 'image')
    throw new UsageError(`--task must be text or image, got "${task.slice(0, 40)}"`);
  const limit = intFlag('limit', values.limit, 1, 50) ?? 20;
  await withAtelier(values['data-dir'], async ({ call }) => {
    const { models } = await call('hub.search', { query, limit, ...(task ? { task } : {}) });
    if (!models.length) {
      console.log(`No ONNX models on the hub match "${query}"${task ? ` for ${task}` : ''}.`);
      return;
    }
    for (const line of table(models)) console.log(line);
  });
}

/** The search results as aligned columns: repo, task, downloads, likes, gated, curated. */
export function table(models: HubModelSummary[]): string[] {
  const rows = [
    ['REPO', 'TASK', 'DOWNLOADS', 'LIKES', 'GATED', 'CURATED'],
    ...models.map((m) => [
      m.repo,
      m.task ?? '-',
      String(m.downloads),
      String(m.likes),
      m.gated === 'no' ? '-' : m.gated,
      m.curated ? `yes: ${m.note ?? ''}` : '-',
    ]),
  ];
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) =>
    r
      .map((cell, k) =>
        k === r.length - 1 ? cell : k >= 2 && k <= 3 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

export async function download(args: string[]): Promise<void> {
  const [first, ...rest] = args;
  const repo = repoArg(first?.startsWith('--') ? undefined : first);
  const values = flags(rest, {
    variant: { type: 'string' },
    revision: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const variant = variantArg(values.variant);
  await withAtelier(values['data-dir'], async (session) => {
    const end = await follow(session, repo, values.revision ?? 'main', variant);
    const model = (await session.call('models.list', {})).find((m) => m.id === end.modelId);
    const use = model?.task === 'image' || model?.image ? 'atelier image --model' : 'atelier text --model';
    console.log(
      `Installed ${end.modelId} from ${repo} (${end.variant}, ${mb(end.bytesTotal)}). Use it with: ${use} ${end.modelId} --prompt "..."`,
    );
  });
}

/** Starts (or resumes) the download and follows it to its end, progress on stderr; Ctrl+C pauses. */
async function follow(
  session: Session,
  repo: string,
  revision: string,
  variant: string | undefined,
): Promise<HubDownload> {
  const { atelier, call } = session;
  const tty = process.stderr.isTTY;
  let id: string | undefined;
  let shown = -1;
  let lastState = '';
  let interrupted = false;
  const early: HubDownload[] = [];
  let settle: (d: HubDownload) => void = () => {};
  const ended = new Promise<HubDownload>((ok) => (settle = ok));
  const onEvent = (d: HubDownload): void => {
    if (d.downloadId !== id) return;
    if (['done', 'failed', 'paused', 'cancelled'].includes(d.state)) return settle(d);
    const pct = d.bytesTotal ? Math.floor((d.bytesDone / d.bytesTotal) * 100) : 0;
    const line = `${repo} (${d.variant}) ${d.state}: ${mb(d.bytesDone)} of ${mb(d.bytesTotal)} (${pct}%)${d.bytesPerSecond ? `, ${mb(d.bytesPerSecond)}/s` : ''}${d.file ? `, ${d.file}` : ''}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (Math.floor(pct / 10) !== shown || d.state !== lastState) {
      shown = Math.floor(pct / 10);
      lastState = d.state;
      process.stderr.write(`${line}\n`);
    }
  };
  const off = atelier.events.on('hub.download', (d) => (id === undefined ? early.push(d) : onEvent(d)));
  const pause = (): void => {
    interrupted = true;
    if (id) void call('hub.pause', { downloadId: id }).catch(() => {});
  };
  process.once('SIGINT', pause);
  try {
    const started = await call('hub.download', { repo, revision, ...(variant ? { variant } : {}) });
    id = started.downloadId;
    if (interrupted) pause();
    early.splice(0).forEach(onEvent);
    const end = await ended;
    if (tty) process.stderr.write('\r\x1b[K');
    if (end.state === 'done') return end;
    if (end.state === 'paused' && interrupted)
      throw new Error(
        `Paused with ${mb(end.bytesDone)} of ${mb(end.bytesTotal)} fetched: run the same command again to resume.`,
      );
    throw new Error(end.error ?? `The download ended ${end.state}.`);
  } finally {
    off();
    process.off('SIGINT', pause);
  }
}
