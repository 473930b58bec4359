/**
 * The folders a page names, checked before anything is read or written. The browser host is
 * reachable by any web page, so a path is hostile until shown otherwise: it must be absolute
 * (the contract checks that), the input an existing folder, the two must not nest (also through
 * symbolic links), neither may lie in the app's data folder or a system folder, and the output
 * must be new, empty, or an earlier augment output, so a run never writes its README.md and
 * train/ into a folder of other things.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { invalid } from '../../../preload/contract';
import { MANIFEST } from './manifest';

/** Folders no dataset is read from or written to (and everything under them). */
const SYSTEM_POSIX = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/proc',
  '/sbin',
  '/sys',
  '/usr',
  '/System',
];
const SYSTEM_WINDOWS = ['windows', 'program files', 'program files (x86)', 'programdata'];

/** Whether `child` is `parent` or lies under it (paths as given). */
export const inside = (parent: string, child: string): boolean => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** Why `path` is a system folder or a drive's root, or null. */
function systemFolder(path: string): string | null {
  if (process.platform === 'win32') {
    const m = /^([A-Za-z]:)\\?(?:([^\\]+))?/.exec(path);
    if (m && path.length <= 3) return 'a drive’s root';
    if (m?.[2] && SYSTEM_WINDOWS.includes(m[2].toLowerCase())) return 'a system folder';
    return null;
  }
  if (path === '/') return 'the root folder';
  return SYSTEM_POSIX.some((s) => inside(s, path)) ? 'a system folder' : null;
}

/** The real path: symbolic links resolved for the part that exists, the rest appended. */
export async function real(path: string): Promise<string> {
  let head = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...rest.reverse());
    } catch {
      if (dirname(head) === head) return path;
      rest.push(basename(head));
      head = dirname(head);
    }
  }
}

const LABELS: Record<string, string> = {
  out: 'The output folder',
  input: 'The input folder',
  augmented: 'The augmented folder',
  font: 'The font file',
};
const label = (field: string): string => LABELS[field] ?? `The path in ${field}`;

/** Refuses a system folder, a drive's root, or a place in (or holding) Atelier's data folder. */
export function checkPlace(path: string, field: string, dataDir: string): void {
  const system = systemFolder(path);
  if (system) throw invalid(`${label(field)} ${path} is ${system}; choose a folder of your own.`, field);
  if (inside(dataDir, path) || inside(path, dataDir))
    throw invalid(`${label(field)} must not be Atelier’s data folder or hold it.`, field);
}

async function existingFolder(path: string, field: string): Promise<void> {
  const s = await stat(path).catch(() => null);
  if (!s) throw invalid(`${label(field)} ${path} does not exist.`, field);
  if (!s.isDirectory()) throw invalid(`${label(field)} ${path} is a file, not a folder.`, field);
}

async function checkNesting(a: string, aField: string, b: string, bField: string): Promise<void> {
  const [ra, rb] = await Promise.all([real(a), real(b)]);
  const lower = (f: string): string => label(f).toLowerCase();
  if (inside(ra, rb)) throw invalid(`${label(bField)} must be outside ${lower(aField)}.`, bField);
  if (inside(rb, ra)) throw invalid(`${label(aField)} must not be inside ${lower(bField)}.`, aField);
}

export async function checkAugmentFolders(
  input: string,
  out: string,
  dataDir: string,
): Promise<{ input: string; out: string }> {
  const i = resolve(input);
  const o = resolve(out);
  const data = resolve(dataDir);
  checkPlace(i, 'input', data);
  checkPlace(o, 'out', data);
  if (inside(i, o)) throw invalid('The output folder must be outside the input folder.', 'out');
  if (inside(o, i)) throw invalid('The input folder must not be inside the output folder.', 'input');
  await existingFolder(i, 'input');
  await checkNesting(i, 'input', o, 'out');
  await checkOutputFolder(o);
  return { input: i, out: o };
}

/**
 * An output folder must be new, empty, or the output of an earlier run (it has the manifest), so
 * a run never writes its README.md and train/ into a folder of other things.
 */
export async function checkOutputFolder(o: string, what = 'augment'): Promise<void> {
  const s = await stat(o).catch(() => null);
  if (s && !s.isDirectory()) throw invalid(`The output folder ${o} is a file, not a folder.`, 'out');
  if (s) {
    const names = await readdir(o);
    const earlier = await stat(join(o, 'train', MANIFEST)).catch(() => null);
    if (names.length > 0 && !earlier?.isFile())
      throw invalid(
        `The output folder ${o} holds other files: choose a new or empty folder, or the output of an earlier ${what} run.`,
        'out',
      );
  }
}

export async function checkEvaluateFolders(
  input: string,
  augmented: string,
  dataDir: string,
): Promise<{ input: string; augmented: string }> {
  const i = resolve(input);
  const a = resolve(augmented);
  const data = resolve(dataDir);
  checkPlace(i, 'input', data);
  checkPlace(a, 'augmented', data);
  await existingFolder(i, 'input');
  await existingFolder(a, 'augmented');
  await checkNesting(i, 'input', a, 'augmented');
  return { input: i, augmented: a };
}
