import { describe, expect, it } from 'vitest';
import { documentDraft, documentFromParams, excerpt } from './document';

describe('text records as documents', () => {
  it('rebuild the whole document with the cursor after the continuation', () => {
    const doc = documentFromParams({
      kind: 'text',
      params: { prompt: 'Once', text: ' upon', after: ' end' },
    });
    expect(doc).toEqual({ prompt: 'Once', text: ' upon', after: ' end' });
    expect(documentDraft(doc!)).toEqual({ text: 'Once upon end', cursor: 9 });
  });

  it('need the continuation', () => {
    expect(documentFromParams({ kind: 'text', params: { prompt: 'x' } })).toBeNull();
    expect(documentFromParams({ kind: 'melody', params: { text: 'x' } })).toBeNull();
    expect(documentFromParams({ kind: 'text', params: { text: 'x' } })).toEqual({
      prompt: '',
      text: 'x',
      after: '',
    });
  });

  it('show the first lines of a continuation', () => {
    expect(excerpt('  one\ntwo')).toBe('one\ntwo');
    expect(excerpt('1\n2\n3\n4\n5', 2)).toBe('1\n2…');
    expect(excerpt('x'.repeat(300), 4, 10)).toBe('xxxxxxxxxx…');
  });
});
