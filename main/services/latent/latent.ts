/**
 * The Latent Explorer's service: decode points of a VAE's latent space (interactive lanes,
 * latest wins), draw seeded prior samples (N(0, I), or the model's flow prior where one is
 * installed), encode a user's image to its posterior, save points to the library, and export
 * interpolation paths as GIF or PNG strip. Generic over latent models: conditional (glyph) models
 * draw text, unconditional ones draw their own image. A flow prior (./prior.ts) adds the exact
 * density of points (the typicality meter) and "nearest typical style".
 */
import { invalid, type LatentView, type PixelImage } from '../../../preload/contract';
import { pathPoints } from '../../../preload/latent';
import { slug } from '../../../preload/names';
import { encodePng, thumbnail } from '../../inference/image';
import { Rng } from '../../../preload/rng';
import { announce, type Section, type ServiceDeps } from '../section';
import { enlarge, layoutText, tileToPixels, toRgba } from '../../inference/pixels';
import { checkPriorPoint, findPrior, latentPrior, normalLogDensity } from './prior';
import {
  decodeLatentTiles,
  describeCharset,
  encodeLatentImage,
  latentModel,
  latentShape,
  type DecodeOptions,
  type LatentModel,
} from './codec';
import { encodeGlyphSet } from './glyph-set';

type Model = LatentModel;

/** The most pixels an exported path may have in all (frames × enlarged frame size). */
const MAX_EXPORT_PIXELS = 48e6;

/** The Latent Explorer's section of the contract. */
export function createLatentSection(deps: ServiceDeps): Section<'latent'> {
  const model = (id: string): Model => latentModel(deps, id);

  const checkPoint = (m: Model, point: readonly number[], field: string): void => {
    if (point.length !== m.manifest.latent.dim)
      throw invalid(
        `${field} has ${point.length} numbers; model "${m.id}" has a ${m.manifest.latent.dim}-dimensional latent space.`,
        field,
      );
  };

  const run = deps.inference.run.bind(deps.inference);

  /** The model's flow prior, or a refusal naming `field`. */
  const flowOf = (m: Model, field: string): ReturnType<typeof latentPrior> & { id: string } => {
    const p = findPrior(deps.registry, m.id, m.manifest.latent.dim);
    if (!p)
      throw invalid(
        `Model "${m.id}" has no flow prior installed${field === 'prior' ? ': sample with prior "normal"' : ''}.`,
        field,
      );
    return { id: p.id, ...latentPrior(p) };
  };

  /** The glyphs a text view needs, checked against the model's charset. */
  const textChars = (m: Model, view: LatentView): string[] => {
    const cond = m.manifest.latent.condition;
    if (view.kind === 'image') {
      if (cond) throw invalid(`Model "${m.id}" draws characters: ask for a text view.`, 'view');
      return [];
    }
    if (!cond) throw invalid(`Model "${m.id}" draws images, not text: ask for an image view.`, 'view');
    const unknown = [
      ...new Set([...view.text].filter((c) => c !== ' ' && c !== '\n' && !cond.charset.includes(c))),
    ];
    if (unknown.length)
      throw invalid(
        `This model cannot draw ${unknown.map((c) => `"${c}"`).join(' ')}; it draws ${describeCharset(cond.charset)}.`,
        'view.text',
      );
    const chars = [...new Set([...view.text].filter((c) => c !== ' ' && c !== '\n'))];
    if (!chars.length) throw invalid('The text has no characters to draw.', 'view.text');
    return chars;
  };

  const decodeTiles = (
    m: Model,
    points: readonly (readonly number[])[],
    charIndex: number[] | null,
    opts: DecodeOptions,
  ): ReturnType<typeof decodeLatentTiles> => decodeLatentTiles(deps, m, points, charIndex, opts);

  /** Every point drawn as the view: the model's tile, or the text laid out in the point's style. */
  const render = async (
    m: Model,
    points: readonly (readonly number[])[],
    view: LatentView,
    opts: DecodeOptions,
  ): Promise<{ images: PixelImage[]; provider: string; inferenceMs: number }> => {
    const chars = textChars(m, view);
    if (view.kind === 'image') {
      const r = await decodeTiles(m, points, null, opts);
      return { images: r.tiles, provider: r.provider, inferenceMs: r.inferenceMs };
    }
    const charset = m.manifest.latent.condition!.charset;
    const r = await decodeTiles(
      m,
      points,
      chars.map((c) => charset.indexOf(c)),
      opts,
    );
    const images = points.map((_, p) =>
      layoutText(view.text, (ch) => r.tiles[p * chars.length + chars.indexOf(ch)]!, m.manifest.latent.height),
    );
    return { images, provider: r.provider, inferenceMs: r.inferenceMs };
  };

  const describe = (view: LatentView): string =>
    view.kind === 'text' ? `“${view.text.replace(/\n/g, ' / ').slice(0, 40)}”` : 'image';

  return {
    async decode({ model: id, points, view, lane }) {
      const m = model(id);
      points.forEach((p, i) => checkPoint(m, p, `points.${i}`));
      return render(m, points, view, { priority: 'interactive', lane: `latent:${lane}` });
    },

    async sample({ model: id, seed, count, temperature, prior }) {
      const m = model(id);
      const dim = m.manifest.latent.dim;
      const normals = new Rng(seed).fillNormal(new Float32Array(count * dim));
      for (let i = 0; i < normals.length; i++) normals[i] = normals[i]! * temperature;
      // The flow prior maps the same base draws through its inverse: seed k is comparable across priors.
      const z =
        prior === 'flow'
          ? await flowOf(m, 'prior').fromBase(run, normals, { priority: 'interactive' })
          : normals;
      return {
        points: Array.from({ length: count }, (_, k) => Array.from(z.subarray(k * dim, (k + 1) * dim))),
      };
    },

    async density({ model: id, points }) {
      const m = model(id);
      const flow = flowOf(m, 'model');
      points.forEach((p, i) => {
        checkPoint(m, p, `points.${i}`);
        checkPriorPoint(p, `points.${i}`);
      });
      const z = new Float32Array(points.length * flow.dim);
      points.forEach((p, i) => z.set(p, i * flow.dim));
      const r = await flow.score(run, z, { priority: 'interactive', lane: 'latent:density' });
      return {
        prior: flow.id,
        logDensity: r.logDensity,
        percentile: r.percentile,
        normalLogDensity: points.map((p) => normalLogDensity(p)),
      };
    },

    async typical({ model: id, point, target }) {
      const m = model(id);
      const flow = flowOf(m, 'model');
      checkPoint(m, point, 'point');
      checkPriorPoint(point, 'point');
      const r = await flow.typical(run, point, target, { priority: 'interactive', lane: 'latent:typical' });
      return { prior: flow.id, ...r };
    },

    async encode({ model: id, image, char, samples, seed }) {
      const m = model(id);
      const l = m.manifest.latent;
      const cond = l.condition;
      let charIndex: number[] | null = null;
      if (cond) {
        if (!char)
          throw invalid(`Say which character the image shows (model "${m.id}" draws characters).`, 'char');
        const i = cond.charset.indexOf(char);
        if (i < 0)
          throw invalid(
            `This model cannot draw "${char}"; it draws ${describeCharset(cond.charset)}.`,
            'char',
          );
        charIndex = [i];
      }
      const { prepared, mean, std } = await encodeLatentImage(deps, m, image, charIndex?.[0] ?? null, {
        priority: 'interactive',
        lane: 'latent:encode',
      });
      const eps = new Rng(seed).fillNormal(new Float32Array(samples * l.dim));
      const drawn = Array.from({ length: samples }, (_, k) =>
        mean.map((mu, i) => mu + std[i]! * eps[k * l.dim + i]!),
      );
      const dec = await decodeTiles(m, [mean, ...drawn], charIndex, { priority: 'interactive' });
      const input = tileToPixels(new Float32Array(prepared.data), 0, latentShape(m));
      return {
        mean,
        std,
        input,
        reconstruction: dec.tiles[0]!,
        samples: drawn,
        sampleImages: dec.tiles.slice(1),
      };
    },

    encodeGlyphs: (input) => encodeGlyphSet(deps, model(input.model), input),

    async save({ model: id, point, view, title, parentId }) {
      const m = model(id);
      checkPoint(m, point, 'point');
      const started = performance.now();
      const r = await render(m, [point], view, { priority: 'interactive' });
      // Tiles are small: show them at 4× (texture tiles) or 2× (text) with smooth enlargement.
      const img = toRgba(enlarge(r.images[0]!, view.kind === 'image' ? 4 : 2));
      const gen = await deps.library.add({
        kind: 'latent',
        modelId: m.id,
        modelSha256: m.sha256,
        provider: r.provider,
        seed: 0,
        params: { model: m.id, point, view, modelVersion: m.manifest.version },
        parentId,
        durationMs: performance.now() - started,
        width: img.width,
        height: img.height,
        title: title?.trim() || `${m.manifest.name} · ${describe(view)}`,
        assets: [
          { role: 'image', mime: 'image/png', ext: 'png', bytes: encodePng(img) },
          { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: encodePng(thumbnail(img, 256)) },
        ],
      });
      return announce(deps, gen);
    },

    async exportPath({ model: id, from, to, mode, frames, view, format, scale, frameMs }) {
      const m = model(id);
      checkPoint(m, from, 'from');
      checkPoint(m, to, 'to');
      const points = pathPoints(from, to, frames, mode);
      const r = await render(m, points, view, { priority: 'batch' });
      const pixels = r.images.reduce((n, im) => n + im.width * im.height, 0) * scale * scale;
      if (pixels > MAX_EXPORT_PIXELS)
        throw invalid(
          `That export would be ${Math.round(pixels / 1e6)} megapixels; the most is ${MAX_EXPORT_PIXELS / 1e6}. Use fewer frames, a smaller scale or a shorter text.`,
          'frames',
        );
      // Enlarging and encoding run in the inference process: main stays free for the UI.
      const bytes = await deps.inference.encodeFrames(
        r.images,
        // Text views are wide: a strip stacks them; image tiles sit side by side.
        { format, scale, frameMs, direction: view.kind === 'text' ? 'column' : 'row' },
        { priority: 'batch' },
      );
      const base = `atelier-latent-${slug(m.id)}-${mode}-${frames}`;
      return format === 'gif'
        ? { fileName: `${base}.gif`, mime: 'image/gif', bytes }
        : { fileName: `${base}.png`, mime: 'image/png', bytes };
    },
  };
}
