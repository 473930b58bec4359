/** "Open" on a Library image: its settings back in the form, its model chosen, the image on the board. */
import { useEffect, useRef } from 'react';
import type { Generation } from '../../../preload/contract';
import { formFromGeneration } from './info';
import type { Board } from './useBoard';
import type { TaskModels } from '../shell/useTaskModels';
import type { ImageSettings } from './useImageSettings';

export function useLibraryOpen(
  openRequest: { generation: Generation; n: number } | null,
  settings: Pick<ImageSettings, 'load'>,
  models: Pick<TaskModels, 'list' | 'choose'>,
  board: Pick<Board, 'place'>,
): void {
  const handled = useRef(0);
  const { load } = settings;
  const { list, choose } = models;
  const { place } = board;
  useEffect(() => {
    if (!openRequest || openRequest.n === handled.current) return;
    handled.current = openRequest.n;
    const g = openRequest.generation;
    const model = list.find((m) => m.id === g.modelId && m.ok);
    if (model) choose(model.id);
    load((form) => formFromGeneration(form, g, model?.image?.sizes ?? []));
    place(g);
  }, [openRequest, list, choose, load, place]);
}
