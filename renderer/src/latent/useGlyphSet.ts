/**
 * The style from several glyphs (glyph models): the designer's glyph files with their characters,
 * kept per model; `latent.encodeGlyphs` asked again whenever the ready glyphs or a character change
 * (one call in flight, answers to an older set dropped); a refusal pinned to the glyph it names
 * while the others keep working; "Use this style" moves the explorer's point to the combined mean.
 * Files dropped on the studio or opened (several at once) join the set.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { AtelierApi, PixelImage } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { useFilesDrop, type FileDrop } from '../shell/useFileDrop';
import { encodeFileProblem } from './encoding';
import { isPointFor } from './explorer';
import { createLatestRequests, type LatestRequests } from './glyphRequests';
import {
  addGlyphs,
  styleRequest,
  withChar,
  withRefusal,
  type GlyphItem,
  type StyleRequest,
} from './glyphSet';
import { isSuperseded } from './useLatentDecode';
import type { LatentModels } from './useLatentModels';
import type { PointMoves } from './usePoint';

export type GlyphSetOutput = Awaited<ReturnType<AtelierApi['latent']['encodeGlyphs']>>;

/** An answer, with the glyphs it is about. */
export interface GlyphStyle extends GlyphSetOutput {
  key: string;
  ids: string[];
}

export interface GlyphMark {
  id: string;
  char: string;
  mean: number[];
  std: number[];
}

export interface GlyphSet extends FileDrop {
  items: GlyphItem[];
  /** Each glyph as the model saw it (its latest encoded character). */
  thumbs: Record<string, PixelImage>;
  /** The latest answer for the set as it is now (or the one before, while `busy`). */
  style: GlyphStyle | null;
  /** The answer's glyphs still in the set: each one's own posterior (the pad's small marks). */
  marks: GlyphMark[];
  /** A call for the set as it is now has not answered yet. */
  busy: boolean;
  /** Files that were not added, in a sentence. */
  notice: string | null;
  text: string;
  setText: (text: string) => void;
  addFiles: (files: readonly File[]) => Promise<void>;
  remove: (id: string) => void;
  setChar: (id: string, char: string) => void;
  /** Moves the explorer's point to the combined mean. */
  useStyle: () => void;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'latent' | 'usable' | 'charset'>;
  moveTo: PointMoves['moveTo'];
  reportError: (err: unknown) => void;
}

export function useGlyphSet({ api, models, moveTo, reportError }: Deps): GlyphSet {
  const { modelId, latent, usable } = models;
  const charset = models.charset ?? '';
  const enabled = usable && charset !== '';
  const [sets, setSets] = useState<Record<string, GlyphItem[]>>({});
  const setsRef = useRef(sets);
  const [styles, setStyles] = useState<Record<string, GlyphStyle>>({});
  const [thumbs, setThumbs] = useState<Record<string, PixelImage>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const nextId = useRef(0);
  const requests = useRef<LatestRequests<StyleRequest> | null>(null);

  const update = (mid: string, fn: (items: GlyphItem[]) => GlyphItem[]): void => {
    setsRef.current = { ...setsRef.current, [mid]: fn(setsRef.current[mid] ?? []) };
    setSets(setsRef.current);
  };

  const answered = useEffectEvent((out: GlyphSetOutput, req: StyleRequest) => {
    setStyles((prev) => ({ ...prev, [req.model]: { ...out, key: req.key, ids: req.ids } }));
    setThumbs((prev) => {
      const next = { ...prev };
      req.ids.forEach((id, i) => {
        const g = out.glyphs[i];
        if (g) next[id] = g.input;
      });
      return next;
    });
  });
  const refused = useEffectEvent((err: unknown, req: StyleRequest) => {
    if (isSuperseded(err)) return;
    const info = toErrorInfo(err);
    const marked = withRefusal(setsRef.current[req.model] ?? [], req, info);
    // The glyph is marked and left out; the set's new key asks again with the others.
    if (marked) update(req.model, () => marked);
    else reportError(err);
  });

  useEffect(() => {
    const r = createLatestRequests<StyleRequest, GlyphSetOutput>({
      send: (req) => api.latent.encodeGlyphs({ model: req.model, glyphs: req.glyphs }),
      onResult: (out, req) => answered(out, req),
      onError: (err, req) => refused(err, req),
    });
    requests.current = r;
    return () => {
      r.dispose();
      if (requests.current === r) requests.current = null;
    };
  }, [api]);

  const items = sets[modelId] ?? [];
  const request = enabled ? styleRequest(modelId, items, charset) : null;
  const key = request?.key ?? '';
  const current = useEffectEvent(() => request);
  const known = styles[modelId];
  const knownKey = known?.key ?? '';
  useEffect(() => {
    const req = current();
    // Already answered (back from another model, or just now): nothing to ask.
    requests.current?.want(req && knownKey === req.key ? null : req);
  }, [key, knownKey]);

  const style = request && known ? known : null;
  const marks = style
    ? style.ids.flatMap((id, i) => {
        const g = style.glyphs[i];
        return g && items.some((x) => x.id === id) ? [{ id, char: g.char, mean: g.mean, std: g.std }] : [];
      })
    : [];

  const addFiles = async (files: readonly File[]): Promise<void> => {
    if (!enabled || files.length === 0) return;
    const mid = modelId;
    const problems: string[] = [];
    const read: Omit<GlyphItem, 'char' | 'imageError' | 'charError'>[] = [];
    for (const file of files) {
      const problem = encodeFileProblem(file);
      if (problem) {
        problems.push(problem.message);
        continue;
      }
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        read.push({ id: `glyph-${++nextId.current}`, fileName: file.name, bytes });
      } catch {
        // Moved or deleted since it was picked: say so, keep the rest.
        problems.push(`“${file.name}” could not be read.`);
      }
    }
    const added = addGlyphs(setsRef.current[mid] ?? [], read, charset);
    update(mid, () => added.items);
    if (added.refused) problems.push(added.refused);
    setNotice(problems.length ? problems.join(' ') : null);
  };

  const { dropping, dropProps } = useFilesDrop((files) => void addFiles(files), enabled);

  return {
    items,
    thumbs,
    style,
    marks,
    busy: request !== null && style?.key !== request.key,
    notice,
    text: texts[modelId] ?? '',
    setText: (text) => setTexts((prev) => ({ ...prev, [modelId]: text })),
    addFiles,
    remove: (id) => {
      update(modelId, (list) => list.filter((g) => g.id !== id));
      setNotice(null);
    },
    setChar: (id, char) => update(modelId, (list) => withChar(list, id, char)),
    useStyle: () => {
      const mean = style?.combined.mean;
      if (latent && mean && isPointFor(latent, mean)) moveTo(mean.slice(), { model: modelId });
    },
    dropping,
    dropProps,
  };
}
