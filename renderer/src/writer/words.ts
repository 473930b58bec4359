/** Word and character counts for the editor's footer. */

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'word' })
    : null;

/** Words as the platform's word segmenter sees them (whitespace-separated runs where it has none). */
export function countWords(text: string): number {
  if (text.trim() === '') return 0;
  if (segmenter) {
    let n = 0;
    for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
    return n;
  }
  return text.trim().split(/\s+/u).length;
}

/** Characters as people count them (a surrogate pair or an emoji is one). */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** "12 words · 64 characters". */
export function formatCounts(text: string): string {
  const w = countWords(text);
  const c = countChars(text);
  return `${w.toLocaleString('en')} word${w === 1 ? '' : 's'} · ${c.toLocaleString('en')} character${c === 1 ? '' : 's'}`;
}
