/**
 * Keeping an accepted Writer result in the library: a continuation, or an Ask answer with its
 * instruction, system message and the text it was about. The record's text asset is the whole
 * document as it stands after the accept (the text before, the result, the text after).
 */
import { AtelierError, invalid, type TextGeneration } from '../../../preload/contract';
import type { Library } from '../library/library';
import type { ModelRegistry } from '../models/registry';
import type { SaveRequest } from './text';

export async function saveText(
  deps: { registry: ModelRegistry; library: Library },
  req: SaveRequest,
): Promise<TextGeneration> {
  const m = deps.registry.get(req.model);
  if (!m) throw invalid(`There is no model "${req.model}" installed.`, 'model');
  if (req.parentId && !deps.library.exists(req.parentId))
    throw new AtelierError({
      code: 'not-found',
      message: 'The text this one came from is no longer in the library.',
      field: 'parentId',
    });
  const document = req.prompt + req.text + req.after;
  const ask = req.mode === 'ask';
  return deps.library.add({
    kind: 'text',
    modelId: m.id,
    modelSha256: m.sha256,
    provider: req.provider,
    seed: req.sampling.seed,
    params: {
      prompt: req.prompt,
      text: req.text,
      after: req.after,
      sampling: req.sampling,
      ...(req.preset ? { preset: req.preset } : {}),
      stopReason: req.stopReason,
      tokens: req.tokens,
      modelName: m.manifest?.name ?? m.id,
      ...(m.manifest?.version ? { modelVersion: m.manifest.version } : {}),
      ...(ask
        ? {
            mode: 'ask',
            instruction: req.instruction ?? '',
            ...(req.system ? { system: req.system } : {}),
            selection: req.selection ?? '',
          }
        : {}),
    },
    parentId: req.parentId,
    durationMs: req.durationMs,
    width: null,
    height: null,
    title: ask ? askTitle(req.instruction ?? '', req.text) : textTitle(req.prompt, req.text),
    assets: [
      {
        role: 'text',
        mime: 'text/plain; charset=utf-8',
        ext: 'txt',
        bytes: new TextEncoder().encode(document),
      },
    ],
  });
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const clip = (title: string): string => (title.length > 80 ? `${title.slice(0, 79)}…` : title);

/** A record's title: the continuation's first words, after the prompt's last few. */
export function textTitle(prompt: string, text: string): string {
  const head = words(prompt).slice(-4).join(' ');
  const tail = words(text).slice(0, 8).join(' ');
  return clip(`${head} ${tail}`.trim() || 'Text');
}

/** An Ask record's title: the instruction, then the answer's first words. */
export function askTitle(instruction: string, text: string): string {
  const head = words(instruction)
    .slice(0, 8)
    .join(' ')
    .replace(/[.:;]$/, '');
  const tail = words(text).slice(0, 8).join(' ');
  return clip([head, tail].filter(Boolean).join(': ') || 'Answer');
}
