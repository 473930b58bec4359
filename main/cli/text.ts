/**
 * `atelier text`: Continue a prompt, or (`--ask "instruction"`) ask a chat model to do something
 * with the text (through its chat template), streaming the result to stdout and keeping it in the
 * library.
 */
import { randomUUID } from 'node:crypto';
import { TEXT_PRESET_IDS, TEXT_PRESETS, type TextPresetId } from '../../preload/text';
import { flags, num, readInput } from './args';
import { UsageError } from './errors';
import { cancelOnInterrupt, withAtelier } from './session';

export const name = 'text';

export const usage = [
  'text --prompt "..." [--seed N] [--max-tokens N] [--temperature T] [--top-k K] [--top-p P]',
  '[--repetition-penalty R] [--stop S]... [--preset poem|aphorism|story|draft] [--model ID] [--prompt-file F]',
  '[--ask "instruction" [--system "..."]] (Ask: a chat model does the instruction with the prompt\'s text, which may be left out)',
  '(streams the continuation or the answer to stdout; Ctrl+C stops it)',
];

/** Turns the two-character escapes people type for stop sequences ("\\n", "\\t") into the characters. */
function unescape(s: string): string {
  return s.replace(/\\(n|t|\\)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

function isPreset(id: string): id is TextPresetId {
  return (TEXT_PRESET_IDS as readonly string[]).includes(id);
}

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    prompt: { type: 'string' },
    'prompt-file': { type: 'string' },
    seed: { type: 'string' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
    'top-k': { type: 'string' },
    'top-p': { type: 'string' },
    'repetition-penalty': { type: 'string' },
    stop: { type: 'string', multiple: true },
    preset: { type: 'string' },
    model: { type: 'string', default: 'text' },
    ask: { type: 'string' },
    system: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (values.prompt !== undefined && values['prompt-file'] !== undefined)
    throw new UsageError('give --prompt or --prompt-file, not both');
  const prompt =
    values['prompt-file'] !== undefined
      ? new TextDecoder().decode(readInput(values['prompt-file'], 'prompt-file'))
      : values.prompt;
  const ask = values.ask;
  if (ask === undefined && values.system !== undefined) throw new UsageError('--system goes with --ask');
  if (prompt === undefined && ask === undefined) throw new UsageError('--prompt "..." is required');
  if (values.preset !== undefined && !isPreset(values.preset))
    throw new UsageError(`--preset must be one of ${TEXT_PRESET_IDS.join(', ')}, got "${values.preset}"`);
  const preset = values.preset;
  // A preset's settings are the base; flags given override them one by one.
  const sampling = {
    ...(preset ? TEXT_PRESETS[preset].settings : undefined),
    seed: values.seed !== undefined ? num('seed', values.seed) : Math.floor(Math.random() * 0xffffffff),
    ...(values['max-tokens'] !== undefined ? { maxTokens: num('max-tokens', values['max-tokens']) } : {}),
    ...(values.temperature !== undefined ? { temperature: num('temperature', values.temperature) } : {}),
    ...(values['top-k'] !== undefined ? { topK: num('top-k', values['top-k']) } : {}),
    ...(values['top-p'] !== undefined ? { topP: num('top-p', values['top-p']) } : {}),
    ...(values['repetition-penalty'] !== undefined
      ? { repetitionPenalty: num('repetition-penalty', values['repetition-penalty']) }
      : {}),
    ...(values.stop ? { stop: values.stop.map(unescape) } : {}),
  };
  await withAtelier(values['data-dir'], async ({ atelier, call }) => {
    const jobId = `cli-${randomUUID()}`;
    // stdout is the text alone, as it streams; the report goes to stderr.
    const off = atelier.events.on('text.stream', (s) => {
      if (s.jobId === jobId && s.delta) process.stdout.write(s.delta);
    });
    const unhook = cancelOnInterrupt(atelier, jobId);
    try {
      const extra = preset ? { preset } : {};
      const asking =
        ask !== undefined
          ? {
              mode: 'ask' as const,
              instruction: ask,
              ...(values.system !== undefined ? { system: values.system } : {}),
            }
          : {};
      const text = prompt ?? '';
      const r = await call('text.generate', {
        jobId,
        model: values.model,
        prompt: text,
        sampling,
        ...extra,
        ...asking,
      });
      process.stdout.write('\n');
      // An answer is kept as a document of its own, with the text it was about beside it.
      if (r.text)
        await call('text.save', {
          model: r.model,
          prompt: ask !== undefined ? '' : text,
          text: r.text,
          sampling,
          ...extra,
          ...asking,
          ...(ask !== undefined ? { selection: text } : {}),
          stopReason: r.stopReason,
          tokens: r.tokens,
          provider: r.provider,
          durationMs: r.durationMs,
        });
      console.error(
        `atelier: ${r.tokens} tokens (${r.stopReason}), first token ${Math.round(r.firstTokenMs)} ms, ` +
          `${r.tokensPerSecond.toFixed(1)} tokens/s on ${r.provider}, seed ${r.seed}, model ${r.model}` +
          (r.truncatedTokens ? `; the model read the last ${r.promptTokens} prompt tokens` : ''),
      );
    } finally {
      off();
      unhook();
    }
  });
}
