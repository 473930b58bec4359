/** Writing results: PNGs from pixel grids, MIDI files from notes, numbered names for batches. */
import { writeFileSync } from 'node:fs';
import type { Note, PixelImage } from '../../preload/contract';
import { encodePng } from '../inference/image';
import { enlarge, toRgba } from '../inference/pixels';
import { writeMidi } from '../services/melody/midi';

export function writeImage(path: string, img: PixelImage, scale: number): void {
  writeFileSync(path, encodePng(toRgba(enlarge(img, scale))));
}

export function writeClip(path: string, notes: Note[], bpm: number, name: string): void {
  writeFileSync(path, writeMidi({ notes, bpm, name }));
}

/** Result k of a batch: out.png → out-1.png, out.mid → out-1.mid (a missing extension is added). */
export function numbered(out: string, k: number, ext: 'png' | 'mid'): string {
  return out.replace(ext === 'png' ? /(\.png)?$/i : /(\.midi?)?$/i, `-${k + 1}.${ext}`);
}
