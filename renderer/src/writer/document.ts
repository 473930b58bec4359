/** A library text record as the document it was made in: prompt + continuation + after. */
import type { Generation } from '../../../preload/contract';

export interface TextDocument {
  prompt: string;
  text: string;
  after: string;
}

/** The record's document from its params, or null when they do not hold the continuation. */
export function documentFromParams(gen: Pick<Generation, 'kind' | 'params'>): TextDocument | null {
  if (gen.kind !== 'text') return null;
  const { prompt, text, after } = gen.params;
  if (typeof text !== 'string') return null;
  return {
    prompt: typeof prompt === 'string' ? prompt : '',
    text,
    after: typeof after === 'string' ? after : '',
  };
}

/** The editor's text and cursor (after the continuation) for a document. */
export function documentDraft(doc: TextDocument): { text: string; cursor: number } {
  return { text: doc.prompt + doc.text + doc.after, cursor: doc.prompt.length + doc.text.length };
}

/** The first lines of a continuation, for a card ("…" when cut). */
export function excerpt(text: string, maxLines = 4, maxChars = 220): string {
  const trimmed = text.replace(/^\s+/, '');
  const lines = trimmed.split('\n').slice(0, maxLines).join('\n');
  const cut = lines.length > maxChars ? `${lines.slice(0, maxChars).trimEnd()}…` : lines;
  return cut.length < trimmed.length && !cut.endsWith('…') ? `${cut.trimEnd()}…` : cut;
}
