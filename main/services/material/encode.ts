/**
 * Material maps to PNG with pngjs: grey maps (height, roughness, AO) as greyscale and normals as
 * RGB, 8 or 16 bits per channel (pngjs writes 16-bit from native-endian 16-bit samples), and the
 * set's file names `<name>_<map>.png`.
 */
import { PNG } from 'pngjs';
import type { Plane } from './filters';
import type { MaterialMaps, NormalConvention, Rgba } from './maps';

export type BitDepth = 8 | 16;

const GREY = 0;
const RGB = 2;

function write(
  width: number,
  height: number,
  channels: 1 | 3,
  bits: BitDepth,
  values: (i: number) => number,
): Uint8Array<ArrayBuffer> {
  const n = width * height * channels;
  const max = bits === 16 ? 65535 : 255;
  const samples = bits === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values(i);
    samples[i] = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * max);
  }
  const png = new PNG({
    width,
    height,
    bitDepth: bits,
    colorType: channels === 1 ? GREY : RGB,
    inputColorType: channels === 1 ? GREY : RGB,
    inputHasAlpha: false,
  });
  // pngjs reads 16-bit input through `new Uint16Array(data.buffer)`: the buffer must be exactly the samples.
  png.data = Buffer.from(samples.buffer);
  return new Uint8Array(
    PNG.sync.write(png, {
      bitDepth: bits,
      colorType: channels === 1 ? GREY : RGB,
      inputColorType: channels === 1 ? GREY : RGB,
      inputHasAlpha: false,
      filterType: 4,
      deflateLevel: 3,
    }),
  );
}

/** A 0…1 map as a greyscale PNG. */
export const greyPng = (p: Plane, bits: BitDepth): Uint8Array<ArrayBuffer> =>
  write(p.width, p.height, 1, bits, (i) => p.data[i] as number);

/** Unit normals (3 floats per pixel, -1…1) as an RGB PNG: each component mapped to 0…1. */
export const normalPng = (
  n: Float32Array,
  width: number,
  height: number,
  bits: BitDepth,
): Uint8Array<ArrayBuffer> => write(width, height, 3, bits, (i) => (n[i] as number) * 0.5 + 0.5);

/** The base colour (the texture itself) as an 8-bit RGB PNG. */
export const colorPng = (img: Rgba): Uint8Array<ArrayBuffer> =>
  write(img.width, img.height, 3, 8, (i) => (img.data[Math.floor(i / 3) * 4 + (i % 3)] as number) / 255);

export type MapName = 'basecolor' | 'height' | 'normal_gl' | 'normal_dx' | 'roughness' | 'ao';

/** A map's file: `<name>_<map>.png`. */
export const mapFileName = (name: string, map: MapName): string => `${name}_${map}.png`;

export interface MapFile {
  map: MapName;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The exported set: base colour, height, the normal in its convention, roughness, AO. */
export function mapFiles(
  name: string,
  img: Rgba,
  maps: MaterialMaps,
  convention: NormalConvention,
  bits: BitDepth,
): MapFile[] {
  const file = (map: MapName, bytes: Uint8Array<ArrayBuffer>): MapFile => ({
    map,
    fileName: mapFileName(name, map),
    bytes,
  });
  return [
    file('basecolor', colorPng(img)),
    file('height', greyPng(maps.heightMap, bits)),
    file(
      convention === 'gl' ? 'normal_gl' : 'normal_dx',
      normalPng(maps.normal, maps.width, maps.height, bits),
    ),
    file('roughness', greyPng(maps.roughness, bits)),
    file('ao', greyPng(maps.ao, bits)),
  ];
}
