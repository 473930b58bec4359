/**
 * The `material` section: a library picture (texture, image, latent sheet or tile) or an opened
 * PNG/JPEG made into material maps in the material worker (./engine.ts). `maps` answers the
 * preview's maps; `export` answers the set of PNGs `<name>_<map>.png` with the settings baked in,
 * or writes them into a folder the host's picker gives (nothing written over: a folder that
 * already holds one of the names is refused, naming `name`).
 */
import { randomUUID } from 'node:crypto';
import { access, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AtelierError,
  generationFileName,
  invalid,
  MaterialSettings,
  RECOLORABLE_KINDS,
  type MaterialSource,
} from '../../../preload/contract';
import type { Section, ServiceDeps } from '../section';
import { createMaterialEngine, type MaterialEngine } from './engine';
import type { MapFile } from './encode';

/** A name safe on every file system: letters, digits, ".", "-" and "_"; else "material". */
export function materialName(text: string): string {
  const base = text.replace(/\.(png|jpe?g)$/i, '');
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return safe.slice(0, 120) || 'material';
}

interface Picture {
  bytes: Uint8Array;
  name: string;
  field: string;
}

async function readSource(deps: Pick<ServiceDeps, 'library'>, source: MaterialSource): Promise<Picture> {
  if ('image' in source)
    return { bytes: source.image, name: materialName(source.fileName), field: 'source.image' };
  const id = source.generationId;
  const field = 'source.generationId';
  if (!deps.library.exists(id))
    throw new AtelierError({
      code: 'not-found',
      message: `No generation ${id} in the library: it may have been deleted.`,
      field,
    });
  const gen = deps.library.get(id);
  if (!(RECOLORABLE_KINDS as readonly string[]).includes(gen.kind))
    throw invalid(
      `Generation ${id} is a ${gen.kind} record and has no picture; a material is made from a texture, an image or a latent glyph sheet or tile.`,
      field,
    );
  const { bytes } = await deps.library.readAsset(id, 'image');
  return { bytes, name: materialName(generationFileName(gen)), field };
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Writes the files into `folder`, each through a temp file and a rename; refuses before writing any if one exists. */
async function writeSet(folder: string, files: MapFile[]): Promise<void> {
  for (const f of files)
    if (await exists(join(folder, f.fileName)))
      throw invalid(`${folder} already has a file named ${f.fileName}; pick another folder or name.`, 'name');
  for (const f of files) {
    const tmp = join(folder, `.${f.fileName}.${randomUUID()}.tmp`);
    await writeFile(tmp, f.bytes);
    await rename(tmp, join(folder, f.fileName));
  }
}

export function createMaterialSection(
  deps: Pick<ServiceDeps, 'library' | 'host'>,
  engine: MaterialEngine = createMaterialEngine(),
): Section<'material'> {
  return {
    async maps({ source }) {
      const pic = await readSource(deps, source);
      const r = await engine.make(
        {
          image: pic.bytes,
          name: pic.name,
          mode: 'preview',
          settings: MaterialSettings.parse({}),
          convention: 'gl',
          bits: 8,
        },
        pic.field,
      );
      const bytes = (map: string): Uint8Array<ArrayBuffer> =>
        r.files.find((f) => f.map === map)?.bytes ?? new Uint8Array();
      return {
        name: pic.name,
        width: r.width,
        height: r.height,
        basecolor: bytes('basecolor'),
        heightMap: bytes('height'),
        normal: bytes('normal_gl'),
        roughness: bytes('roughness'),
        ao: bytes('ao'),
        ms: r.ms,
      };
    },

    async export({ source, settings, normal, bits, name, toFolder }) {
      const pic = await readSource(deps, source);
      let folder: string | null = null;
      if (toFolder) {
        if (!deps.host.pickFolder)
          throw invalid('This host has no folder picker; ask for the files instead.', 'toFolder');
        folder = await deps.host.pickFolder('Export the material maps to…');
        if (folder === null) return { files: [], savedTo: null, ms: 0 };
      }
      const r = await engine.make(
        {
          image: pic.bytes,
          name: name ? materialName(name) : pic.name,
          mode: 'export',
          settings,
          convention: normal,
          bits,
        },
        pic.field,
      );
      if (folder !== null) await writeSet(folder, r.files);
      return {
        files: r.files.map((f) => ({
          fileName: f.fileName,
          mime: 'image/png',
          bytes: folder === null ? f.bytes : new Uint8Array(),
        })),
        savedTo: folder,
        ms: r.ms,
      };
    },
  };
}
