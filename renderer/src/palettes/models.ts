/** The Palettes studio's models: the palette flows main lists, which one runs, why none can. */
import { DEFAULT_PALETTE_MODEL, type ModelStatus } from '../../../preload/contract';
import { modelLine, modelProblem, pickModel, taskModels } from '../shell/taskModels';
import type { TaskModelsSpec } from '../shell/useTaskModels';

export const PALETTE_TASK = 'palette';

/** The picker's line: "Atelier Palettes · 0.5 MB · bundled · held-out log p 19.6". */
export function paletteModelLabel(m: ModelStatus): string {
  return modelLine(
    m,
    m.palette ? `held-out log p ${m.palette.heldOutMeanLogLikelihood.toFixed(1)}` : undefined,
  );
}

export const PALETTE_MODELS: TaskModelsSpec = {
  storageKey: 'atelier.palettes.model.v1',
  list: (models) => taskModels(models, PALETTE_TASK),
  pick: (list, chosen) => pickModel(list, chosen, DEFAULT_PALETTE_MODEL),
  problem: (list, picked) => modelProblem(list, picked, 'palette', 'No palette model is installed.'),
};
