/**
 * The two things the Melody Sketcher asks of the library beyond add/get/delete: which clip titles
 * are in use (so a new name never repeats one), and renaming a clip in place (its row's title and
 * name, and its MIDI file's track name). Both go through the library's own methods.
 */
import type { Library } from '../library/library';
import { titleStem } from './titles';

/** Melody titles that `name` could collide with ("Reel", "Reel (2)", …), leaving out clip `exceptId`. */
export function takenTitles(library: Library, name: string, exceptId = ''): string[] {
  const stem = titleStem(name);
  return library
    .titles('melody', { equalTo: [name.trim(), stem], startingWith: `${stem} (`, exceptId })
    .filter(
      (t) =>
        t.toLowerCase() === name.trim().toLowerCase() ||
        t.toLowerCase() === stem.toLowerCase() ||
        t.endsWith(')'),
    );
}

/**
 * Gives clip `id` the title `title` (its params' name too) and, when it has one, the MIDI file
 * `midi` (the library replaces the file, then records its new size and hash with the title).
 */
export async function renameClip(
  library: Library,
  id: string,
  title: string,
  params: Record<string, unknown>,
  midi: Uint8Array | null,
): Promise<void> {
  let hasMidi = true;
  try {
    library.assetPath(id, 'midi');
  } catch {
    hasMidi = false; // a clip without a MIDI file keeps none
  }
  await library.update(id, {
    title,
    params: { ...params, name: title },
    ...(midi && hasMidi ? { asset: { role: 'midi' as const, bytes: midi } } : {}),
  });
}
