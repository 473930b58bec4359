/** The palette file writers: GIMP .gpl, Adobe .ase (read back block by block), CSS, JSON. */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../inference/image';
import { paletteFile, writeAse, writeCss, writeGpl, writeJson } from './formats';
import { drawSwatches } from './thumbnail';

const colors = ['#1f2a44', '#e4572e', '#f3a712', '#a8c686', '#669bbc'];

describe('GIMP palette (.gpl)', () => {
  it('has the header, the name, 5 columns and one "R G B<TAB>name" line per colour', () => {
    expect(writeGpl(colors, 'Harbour at dusk')).toBe(
      [
        'GIMP Palette',
        'Name: Harbour at dusk',
        'Columns: 5',
        '#',
        ' 31  42  68\t#1f2a44',
        '228  87  46\t#e4572e',
        '243 167  18\t#f3a712',
        '168 198 134\t#a8c686',
        '102 155 188\t#669bbc',
        '',
      ].join('\n'),
    );
  });

  it('keeps a name to one line and names an unnamed palette after its colours', () => {
    const text = writeGpl(colors, 'two\nlines\u0007');
    expect(text.split('\n')[1]).toBe('Name: two lines');
    expect(writeGpl(colors, '').split('\n')[1]).toBe('Name: Atelier #1F2A44 #E4572E #F3A712 #A8C686 #669BBC');
  });
});

/** A small ASE reader, written from the format's description, to check the bytes block by block. */
function readAse(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = String.fromCharCode(...bytes.subarray(0, 4));
  const version = [v.getUint16(4), v.getUint16(6)];
  const count = v.getUint32(8);
  let o = 12;
  const readName = (at: number): { name: string; end: number } => {
    const n = v.getUint16(at);
    const units = Array.from({ length: n }, (_, i) => v.getUint16(at + 2 + 2 * i));
    expect(units.at(-1)).toBe(0); // NUL-terminated
    return { name: String.fromCharCode(...units.slice(0, -1)), end: at + 2 + 2 * n };
  };
  const blocks: {
    type: number;
    length: number;
    name?: string;
    model?: string;
    values?: number[];
    kind?: number;
  }[] = [];
  for (let b = 0; b < count; b++) {
    const type = v.getUint16(o);
    const length = v.getUint32(o + 2);
    const body = o + 6;
    const block: (typeof blocks)[number] = { type, length };
    if (type === 0xc001) block.name = readName(body).name;
    if (type === 0x0001) {
      const { name, end } = readName(body);
      block.name = name;
      block.model = String.fromCharCode(...bytes.subarray(end, end + 4));
      block.values = [0, 1, 2].map((i) => v.getFloat32(end + 4 + 4 * i));
      block.kind = v.getUint16(end + 16);
      expect(end + 18 - body).toBe(length);
    }
    blocks.push(block);
    o = body + length;
  }
  return { sig, version, count, blocks, rest: bytes.length - o };
}

describe('Adobe Swatch Exchange (.ase)', () => {
  it('is ASEF 1.0 with a named group of five RGB colours, big-endian, nothing left over', () => {
    const ase = readAse(writeAse(colors, 'Harbour'));
    expect(ase.sig).toBe('ASEF');
    expect(ase.version).toEqual([1, 0]);
    expect(ase.count).toBe(7);
    expect(ase.rest).toBe(0);
    expect(ase.blocks[0]).toMatchObject({ type: 0xc001, name: 'Harbour', length: 2 + 2 * 8 });
    expect(ase.blocks[6]).toEqual({ type: 0xc002, length: 0 });
    const swatches = ase.blocks.slice(1, 6);
    swatches.forEach((b, i) => {
      expect(b).toMatchObject({ type: 0x0001, name: colors[i], model: 'RGB ', kind: 2 });
      const hex = `#${b
        .values!.map((x) =>
          Math.round(x * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;
      expect(hex).toBe(colors[i]);
    });
    expect(swatches[1]!.values![0]).toBeCloseTo(228 / 255, 6);
  });

  it('writes names outside Latin-1 as UTF-16', () => {
    const ase = readAse(writeAse(colors, 'Hafen · 港'));
    expect(ase.blocks[0]!.name).toBe('Hafen · 港');
  });
});

describe('CSS and JSON', () => {
  it('CSS: custom properties --palette-1…5 on :root with each colour’s OKLab', () => {
    const css = writeCss(colors, 'Harbour */ evil');
    expect(css).toContain('/* Harbour * / evil — made with Atelier */');
    expect(css).toContain(':root {\n  --palette-1: #1f2a44; /* oklab(');
    expect(css.match(/--palette-\d: #[0-9a-f]{6};/g)).toHaveLength(5);
    expect(css.trimEnd().endsWith('}')).toBe(true);
  });

  it('JSON: name, colours and OKLab triples', () => {
    const json = JSON.parse(writeJson(colors, 'Harbour')) as {
      name: string;
      colors: string[];
      oklab: number[][];
    };
    expect(json.name).toBe('Harbour');
    expect(json.colors).toEqual(colors);
    expect(json.oklab).toHaveLength(5);
    expect(json.oklab[0]!).toHaveLength(3);
    expect(json.oklab[0]![0]).toBeGreaterThan(0);
  });

  it('paletteFile names each format’s type and extension', () => {
    expect(paletteFile(colors, 'gpl', 'x')).toMatchObject({ mime: 'text/x-gimp-palette', ext: 'gpl' });
    expect(paletteFile(colors, 'ase', 'x')).toMatchObject({ mime: 'application/octet-stream', ext: 'ase' });
    expect(paletteFile(colors, 'css', 'x')).toMatchObject({ mime: 'text/css', ext: 'css' });
    expect(paletteFile(colors, 'json', 'x')).toMatchObject({ mime: 'application/json', ext: 'json' });
    expect(new TextDecoder().decode(paletteFile(colors, 'gpl', 'x').bytes)).toBe(writeGpl(colors, 'x'));
  });
});

describe('the swatch thumbnail', () => {
  it('draws five equal stripes, edge to edge', () => {
    const png = PNG.sync.read(Buffer.from(encodePng(drawSwatches(colors, 320, 120))));
    expect([png.width, png.height]).toEqual([320, 120]);
    const at = (x: number, y: number): string =>
      `#${[0, 1, 2].map((c) => png.data[(y * 320 + x) * 4 + c]!.toString(16).padStart(2, '0')).join('')}`;
    colors.forEach((c, k) => {
      expect(at(k * 64, 0)).toBe(c);
      expect(at(k * 64 + 63, 119)).toBe(c);
    });
  });
});
