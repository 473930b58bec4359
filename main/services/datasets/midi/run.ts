/**
 * The MIDI augment driver, the image driver's twin (../run.ts; the walk, progress, cancel and
 * card writing they share are ../drive.ts): sources in the scan's fixed order; for each, its
 * melody written as the real item, then k items per method, each from its own seed (`itemSeed`),
 * so a resumed run, or many machines each given some sources, write the same bytes. Items on
 * disk with the same plan are kept (checked by sha256, ../writer.ts); near-duplicates are
 * dropped; progress has an ETA; the signal cancels between items (what was written stays, and a
 * rerun goes on from there). The input is only read.
 */
import { basename, join } from 'node:path';
import type { InferenceClient } from '../../../inference/client';
import { noteIssue } from '../card';
import { driveFolder, type DriveContext } from '../drive';
import { realRow, sha256, type PlannedRow } from '../manifest';
import { itemSeed } from '../method';
import { cancelled } from '../progress';
import type { AugmentProgress, AugmentResult } from '../run';
import { renderMidiCard, type MidiCardInfo } from './card';
import { melodyBytes, melodyDistance, noteSet } from './melody';
import type { MidiMethod } from './methods';
import { methodParams, type MidiParams } from './params';
import { countMidiFolder, scanMidiFolder, type MidiEntry } from './scan';
import { readMelodyFile, type Melody } from './source';

export interface MidiAugmentOptions {
  inference: InferenceClient;
  input: string;
  out: string;
  methods: MidiMethod[];
  params: MidiParams;
  k: number;
  seed: number;
  /** Drop items closer than this to their source or a kept sibling (0..1, 0 = off). */
  nearDuplicate: number;
  title: string;
  command: string;
  signal?: AbortSignal;
  onProgress?: (p: AugmentProgress) => void;
}

/** The file's name without its .mid/.midi ending (the name written into the MIDI files). */
const stem = (path: string): string => basename(path).replace(/\.midi?$/i, '');

export async function augmentMidiFolder(o: MidiAugmentOptions): Promise<AugmentResult> {
  const perSource = 1 + o.k * o.methods.length;
  const total = (await countMidiFolder(o.input)).train * perSource;
  const card: MidiCardInfo = {
    title: o.title,
    command: o.command,
    seed: o.seed,
    k: o.k,
    nearDuplicate: o.nearDuplicate,
    labels: new Map(),
    methods: new Map(
      o.methods.map((m) => [
        m.id,
        { model: m.model, params: methodParams(o.params, m.id), made: 0, dropped: 0 },
      ]),
    ),
    heldOut: new Map(),
    skipped: { count: 0, listed: [] },
    corrupt: { count: 0, listed: [] },
    notMade: { count: 0, listed: [] },
  };
  return driveFolder<MidiEntry>({
    out: o.out,
    layout: 'beside',
    signal: o.signal,
    onProgress: o.onProgress,
    entries: scanMidiFolder(o.input),
    total,
    card,
    async source(e, drive) {
      const read = await readMelodyFile(o.inference, e.abs);
      if (!read.ok) {
        drive.unusable(e.path, read.reason);
        drive.settle(e.path, perSource, false);
        return;
      }
      await augmentSource({ o, card, drive }, e, read.bytes, read.melody);
    },
    renderCard: () => renderMidiCard(card),
  });
}

interface Ctx {
  o: MidiAugmentOptions;
  card: MidiCardInfo;
  drive: DriveContext;
}

async function augmentSource(c: Ctx, e: MidiEntry, bytes: Uint8Array, src: Melody): Promise<void> {
  const { o } = c;
  const { writer } = c.drive;
  const counts = c.card.labels.get(e.label) ?? { real: 0, synthetic: new Map<string, number>() };
  c.card.labels.set(e.label, counts);
  const dir = e.label ? `${e.label}/` : '';
  const base = { label: e.label, source: e.path, source_sha256: sha256(bytes) };
  const real = realRow(base, `${dir}${basename(e.path)}`);
  // Every item is claimed first, in run order, as the writer needs.
  const copy = !writer.claim(real);
  const plans = o.methods.map((m) =>
    Array.from({ length: o.k }, (_, i) => {
      const row: PlannedRow = {
        ...base,
        file_name: `${dir}${basename(e.path)}.${m.id}-${i}.mid`,
        method: m.id,
        model: m.model?.id ?? null,
        model_sha256: m.model?.sha256 ?? null,
        seed: itemSeed(o.seed, e.path, m.id, i),
        params: { ...methodParams(o.params, m.id), ...m.extra(src, i, o.params) },
      };
      return { row, present: writer.claim(row) };
    }),
  );
  const key = src.key && src.scale ? { key: src.key, scale: src.scale } : undefined;
  if (copy) await writer.write(real, melodyBytes(src, src.notes, stem(e.path), key));
  counts.real++;
  if (copy) c.drive.result.written++;
  else c.drive.result.reused++;
  c.drive.settle(e.path, 1, copy);

  const source = o.nearDuplicate > 0 ? noteSet(src.notes) : null;
  for (const [mi, m] of o.methods.entries()) {
    const stats = c.card.methods.get(m.id)!;
    const kept = (): void => {
      stats.made++;
      counts.synthetic.set(m.id, (counts.synthetic.get(m.id) ?? 0) + 1);
    };
    // Signatures of the items kept so far, in index order, whether made now or found on disk:
    // dropping decides alike on a fresh run and a resumed one.
    const siblings: Set<string>[] = [];
    for (const [i, { row, present }] of plans[mi]!.entries()) {
      if (present) {
        if (source) {
          const prior = await readMelodyFile(o.inference, join(writer.trainDir, row.file_name));
          if (prior.ok) siblings.push(noteSet(prior.melody.notes));
        }
        c.drive.result.reused++;
        kept();
        c.drive.settle(e.path, 1, false);
        continue;
      }
      if (o.signal?.aborted) throw cancelled();
      const made = await m.make(src, row.seed!, i, o.params);
      if (!made.ok) {
        noteIssue(c.card.notMade, { path: row.file_name, reason: made.reason });
        c.drive.settle(e.path, 1, true);
        continue;
      }
      if (source) {
        const sig = noteSet(made.notes);
        const d = Math.min(melodyDistance(sig, source), ...siblings.map((s) => melodyDistance(sig, s)));
        if (d < o.nearDuplicate) {
          stats.dropped++;
          c.drive.result.dropped++;
          c.drive.settle(e.path, 1, true);
          continue;
        }
        siblings.push(sig);
      }
      await writer.write(row, melodyBytes(src, made.notes, `${stem(e.path)} ${m.id} ${i}`, made.key));
      kept();
      c.drive.result.written++;
      c.drive.settle(e.path, 1, true);
    }
  }
}
