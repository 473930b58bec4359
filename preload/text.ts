/**
 * The Writer's shared vocabulary: sampling limits, defaults and presets. Main validates against
 * these (through the contract), the renderer builds its controls from them, the CLI names the
 * presets. No Node, no Electron.
 */

/** The longest prompt a call may carry (UTF-16 code units); the model reads only its tail. */
export const TEXT_MAX_PROMPT_CHARS = 262_144;
/** The most tokens one continuation may ask for. */
export const TEXT_MAX_NEW_TOKENS = 4096;
export const TEXT_MAX_STOP_SEQUENCES = 8;
export const TEXT_MAX_STOP_CHARS = 64;
export const TEXT_MAX_TOP_K = 1000;

export interface TextSettings {
  temperature: number;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
  /** 1 = off; above 1 makes tokens already in the context less likely (CTRL-style). */
  repetitionPenalty: number;
  maxTokens: number;
  stop: string[];
}

export const TEXT_DEFAULTS: TextSettings = {
  temperature: 0.8,
  topK: 50,
  topP: 0.95,
  repetitionPenalty: 1.1,
  maxTokens: 120,
  stop: [],
};

export const TEXT_PRESET_IDS = ['poem', 'aphorism', 'story', 'draft'] as const;
export type TextPresetId = (typeof TEXT_PRESET_IDS)[number];

export interface TextPreset {
  id: TextPresetId;
  label: string;
  hint: string;
  settings: TextSettings;
  /** What the editor starts with when it is empty and the user picks the preset. */
  starter: string;
}

/**
 * Presets are sampling settings for a kind of writing, not hidden prompts: the text the model
 * continues is always what the user sees in the editor.
 */
export const TEXT_PRESETS: Record<TextPresetId, TextPreset> = {
  poem: {
    id: 'poem',
    label: 'Poem',
    hint: 'Looser sampling, line breaks kept, up to 160 tokens; stops at a blank-line gap of three.',
    settings: {
      temperature: 0.9,
      topK: 60,
      topP: 0.95,
      repetitionPenalty: 1.15,
      maxTokens: 160,
      stop: ['\n\n\n'],
    },
    starter: 'The moon upon the water\n',
  },
  aphorism: {
    id: 'aphorism',
    label: 'Aphorism',
    hint: 'Tighter sampling, short: one line or two, stops at the end of the line.',
    settings: { temperature: 0.7, topK: 40, topP: 0.9, repetitionPenalty: 1.2, maxTokens: 40, stop: ['\n'] },
    starter: 'A wise man',
  },
  story: {
    id: 'story',
    label: 'Story opening',
    hint: 'Balanced sampling, a paragraph or so (200 tokens).',
    settings: { temperature: 0.85, topK: 50, topP: 0.95, repetitionPenalty: 1.1, maxTokens: 200, stop: [] },
    starter: 'It was the last night of the fair, and',
  },
  draft: {
    id: 'draft',
    label: 'Continue my draft',
    hint: 'Close to the draft: lower temperature, 120 tokens.',
    settings: { temperature: 0.7, topK: 40, topP: 0.92, repetitionPenalty: 1.1, maxTokens: 120, stop: [] },
    starter: '',
  },
};

/** Why a continuation ended. */
export const TEXT_STOP_REASONS = ['eos', 'max-tokens', 'stop-sequence', 'stopped'] as const;
export type TextStopReason = (typeof TEXT_STOP_REASONS)[number];

export const TEXT_STOP_LABELS: Record<TextStopReason, string> = {
  eos: 'the model ended the text',
  'max-tokens': 'max tokens reached',
  'stop-sequence': 'a stop sequence',
  stopped: 'stopped',
};
