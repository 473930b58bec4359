import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { LAB_STATE_MAX_BYTES } from '../../../preload/labs/state';
import { labCardMeta, LabFileError, parseLabFile, stateFileName } from './files';

describe('lab files', () => {
  it('names the export after the lab and iteration', () => {
    expect(stateFileName('gan', 2400)).toBe('gan-2400.atelier-lab.json');
  });

  it('reads JSON and says readably when a file is not', () => {
    expect(parseLabFile('{"a":1}', 'x.json')).toEqual({ a: 1 });
    expect(() => parseLabFile('{nope', 'x.json')).toThrow(LabFileError);
    expect(() => parseLabFile('{nope', 'x.json')).toThrow(/x\.json is not a lab file: it is not JSON/);
    expect(() => parseLabFile('{}', 'big.json', LAB_STATE_MAX_BYTES + 1)).toThrow(
      `a lab file is at most ${LAB_STATE_MAX_BYTES / 1048576} MB`,
    );
  });

  it('writes the card meta line from the record', () => {
    const gen = { params: { lab: 'gan', iteration: 2400 } } as unknown as Generation;
    expect(labCardMeta(gen)).toBe('2,400 iterations · GAN');
    expect(labCardMeta({ params: { lab: 'flow', iteration: 1 } } as unknown as Generation)).toBe(
      '1 iteration · Flow',
    );
    expect(labCardMeta({ params: {} } as unknown as Generation)).toBe('Lab');
  });
});
