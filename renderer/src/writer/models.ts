/** The Writer's models: the text models main lists, how the picker names them, which one runs. */
import type { ModelStatus } from '../../../preload/contract';
import { checkFolderPath, type ImportPathCheck } from '../shell/importPath';
import { modelLine, modelProblem, pickModel, taskModels } from '../shell/taskModels';
import type { TaskModelsSpec } from '../shell/useTaskModels';

export const TEXT_TASK = 'text';
/** The bundled model's id. */
export const BUNDLED_TEXT_ID = 'text';

export function textModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  return taskModels(models, TEXT_TASK);
}

/** The picker's line: "Tiny GPT-2 · 0.2 MB · imported · 256 tokens" (+ "unavailable"). */
export function modelLabel(m: ModelStatus): string {
  return modelLine(m, m.text ? `${m.text.contextLength} tokens` : undefined);
}

/**
 * The model to run: the chosen one while it is listed and usable, else the bundled model, else
 * the first usable text model; null when none can run.
 */
export function pickTextModel(list: readonly ModelStatus[], chosen: string | null): ModelStatus | null {
  return pickModel(list, chosen, BUNDLED_TEXT_ID);
}

/** Why the Writer cannot continue, as a sentence (null when it can). */
export function textModelProblem(list: readonly ModelStatus[], picked: ModelStatus | null): string | null {
  return modelProblem(list, picked, 'text', 'No text model is installed. Import one with “Import model…”.');
}

/** The Writer's picker state (`useTaskModels`). */
export const TEXT_MODELS: TaskModelsSpec = {
  storageKey: 'atelier.writer.model.v1',
  list: textModels,
  pick: pickTextModel,
  problem: textModelProblem,
};

/** A folder path main will take (absolute, as the contract asks), or the problem. */
export function checkImportPath(raw: string): ImportPathCheck {
  return checkFolderPath(raw, 'Enter the folder that holds model.onnx, config.json and tokenizer.json.');
}
