/**
 * The board's state: the images on it (ids, positions, scales; kept in localStorage), their
 * library records and decoded pixels (loaded from the library as needed), the selection.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { assetBlob, imageFromBlob } from '../shell/assets';
import { browserStore, readJson, writeJson } from '../shell/storage';
import {
  arrange,
  freeSlots,
  itemRect,
  moved,
  parseBoard,
  placeInCell,
  serializeBoard,
  withItem,
  withoutItem,
  type BoardItem,
  type Rect,
} from './board';

const BOARD_KEY = 'atelier.images.board.v1';

export interface Board {
  items: BoardItem[];
  records: ReadonlyMap<string, Generation>;
  images: ReadonlyMap<string, HTMLImageElement>;
  selected: string | null;
  /** Changes when the board is re-gridded or grows, so the view fits it again. */
  layoutKey: number;
  select: (id: string | null) => void;
  /** Free grid cells for `count` new images (beside `reserved` cells of jobs still running). */
  reserve: (count: number, reserved: readonly Rect[]) => Rect[];
  /** Results of a job, each in its cell. */
  addResults: (results: readonly Generation[], cells: readonly Rect[]) => void;
  /** A library image on the board (placed in a free cell unless it is there already), selected. */
  place: (g: Generation) => void;
  remove: (id: string) => void;
  move: (id: string, x: number, y: number, scale?: number) => void;
  arrange: () => void;
}

export function useBoard(api: AtelierApi): Board {
  const store = useMemo(() => browserStore(), []);
  const [items, setItems] = useState<BoardItem[]>(() => parseBoard(readJson(store, BOARD_KEY)));
  const [records, setRecords] = useState<Map<string, Generation>>(() => new Map());
  const [images, setImages] = useState<Map<string, HTMLImageElement>>(() => new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [layoutKey, setLayoutKey] = useState(0);
  const loading = useRef(new Set<string>());

  useEffect(() => {
    writeJson(store, BOARD_KEY, serializeBoard(items));
  }, [store, items]);

  // An image deleted in the Library leaves the board.
  useEffect(
    () =>
      api.on('library.changed', (e) => {
        if (e.change !== 'deleted') return;
        setItems((prev) => withoutItem(prev, e.id));
        setSelected((s) => (s === e.id ? null : s));
      }),
    [api],
  );

  const known = useCallback((list: readonly Generation[]) => {
    setRecords((prev) => {
      const next = new Map(prev);
      for (const g of list) next.set(g.id, g);
      return next;
    });
  }, []);

  // Records and pixels of every image on the board; one the library no longer has leaves the board.
  useEffect(() => {
    for (const it of items) {
      if (loading.current.has(it.id)) continue;
      loading.current.add(it.id);
      const id = it.id;
      const drop = (err: unknown): void => {
        if (toErrorInfo(err).code === 'not-found') setItems((prev) => withoutItem(prev, id));
        loading.current.delete(id);
      };
      if (!records.has(id)) api.library.get({ id }).then((g) => known([g]), drop);
      assetBlob(api, id, 'image')
        .then(imageFromBlob)
        .then((img) => setImages((prev) => new Map(prev).set(id, img)), drop);
    }
  }, [api, items, records, known]);

  const reserve = useCallback(
    (count: number, reserved: readonly Rect[]) => freeSlots([...items.map(itemRect), ...reserved], count),
    [items],
  );

  const addResults = useCallback(
    (results: readonly Generation[], cells: readonly Rect[]) => {
      known(results);
      setItems((prev) => {
        let next = prev;
        results.forEach((g, k) => {
          const cell = cells[k] ?? freeSlots(next.map(itemRect), 1)[0]!;
          next = withItem(next, placeInCell(g.id, g.width ?? 64, g.height ?? 64, cell));
        });
        return next;
      });
    },
    [known],
  );

  const place = useCallback(
    (g: Generation) => {
      known([g]);
      setItems((prev) => {
        if (prev.some((it) => it.id === g.id)) return prev;
        const cell = freeSlots(prev.map(itemRect), 1)[0]!;
        return withItem(prev, placeInCell(g.id, g.width ?? 64, g.height ?? 64, cell));
      });
      setSelected(g.id);
      setLayoutKey((k) => k + 1);
    },
    [known],
  );

  const remove = useCallback((id: string) => {
    setItems((prev) => withoutItem(prev, id));
    setSelected((s) => (s === id ? null : s));
  }, []);

  const move = useCallback((id: string, x: number, y: number, scale?: number) => {
    setItems((prev) => moved(prev, id, x, y, scale));
  }, []);

  const doArrange = useCallback(() => {
    setItems((prev) => arrange(prev));
    setLayoutKey((k) => k + 1);
  }, []);

  return {
    items,
    records,
    images,
    selected,
    layoutKey,
    select: setSelected,
    reserve,
    addResults,
    place,
    remove,
    move,
    arrange: doArrange,
  };
}
