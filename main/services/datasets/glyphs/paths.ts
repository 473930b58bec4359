/**
 * The glyph sheet's paths from a page, checked before anything is read or written, with
 * ../folders.ts's rules: the font must be an existing .ttf/.otf/.woff file; the output folder
 * must not be a system folder, Atelier's data folder or hold it, must not hold the font, and must
 * be new, empty or the output of an earlier glyph sheet (so a run never writes its README.md and
 * train/ into a folder of other things).
 */
import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { invalid } from '../../../../preload/contract';
import { checkOutputFolder, checkPlace, inside, real } from '../folders';

export async function checkGlyphPaths(
  font: string,
  out: string,
  dataDir: string,
): Promise<{ font: string; out: string }> {
  const f = resolve(font);
  const o = resolve(out);
  if (!['.ttf', '.otf', '.woff'].includes(extname(f).toLowerCase()))
    throw invalid(`The font ${basename(f)} is not a .ttf, .otf or .woff file.`, 'font');
  const s = await stat(f).catch(() => null);
  if (!s) throw invalid(`The font ${f} does not exist.`, 'font');
  if (!s.isFile()) throw invalid(`The font ${f} is a folder, not a font file.`, 'font');
  checkPlace(o, 'out', resolve(dataDir));
  if (inside(await real(o), await real(f))) throw invalid('The output folder must not hold the font.', 'out');
  await checkOutputFolder(o, 'glyph sheet');
  return { font: f, out: o };
}
