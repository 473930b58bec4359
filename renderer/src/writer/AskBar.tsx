/**
 * Above the page: the mode toggle (Continue / Ask) and, in Ask, the instruction box, the preset
 * instructions (each asks at once) and an optional system message. A model without a chat template
 * keeps Ask disabled, with the reason beside it.
 */
import type { ReactElement } from 'react';
import { TEXT_MAX_INSTRUCTION_CHARS, TEXT_MAX_SYSTEM_CHARS } from '../../../preload/contract';
import { ASK_PRESETS, type WriterMode } from './ask';
import type { AskSettings } from './useAsk';

interface Props {
  ask: AskSettings;
  /** Runs are not possible now (one is streaming or a result is on show). */
  disabled: boolean;
  /** The field a failed Ask named ('instruction' or 'system'), to mark it. */
  errorField: string | null;
  onAsk: (instruction: string) => void;
  onRun: () => void;
}

const MODES: readonly { mode: WriterMode; label: string; title: string }[] = [
  { mode: 'continue', label: 'Continue', title: 'The model carries your text on from the cursor' },
  {
    mode: 'ask',
    label: 'Ask',
    title: 'A chat model does what you ask with the selected text (or the whole text)',
  },
];

export function AskBar({ ask, disabled, errorField, onAsk, onRun }: Props): ReactElement {
  const blockedAsk = ask.canAsk !== true;
  return (
    <div className="writer-ask" data-testid="writer-ask" data-mode={ask.mode}>
      <div className="writer-mode" role="radiogroup" aria-label="Writer mode">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="radio"
            aria-checked={ask.mode === m.mode}
            className={`button small${ask.mode === m.mode ? ' primary' : ''}`}
            data-testid={`writer-mode-${m.mode}`}
            disabled={disabled || (m.mode === 'ask' && blockedAsk)}
            title={m.mode === 'ask' && blockedAsk ? (ask.reason ?? 'Checking the model…') : m.title}
            onClick={() => ask.setMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
        {ask.canAsk === false && ask.reason ? (
          <span className="writer-ask-disabled muted" data-testid="writer-ask-disabled" role="note">
            {ask.reason}
          </span>
        ) : null}
      </div>
      {ask.mode === 'ask' ? (
        <div className="writer-ask-fields">
          <input
            type="text"
            className="writer-ask-input"
            data-testid="writer-ask-input"
            aria-label="Instruction"
            aria-invalid={errorField === 'instruction'}
            placeholder="What should the model do with the selection? (Enter asks)"
            maxLength={TEXT_MAX_INSTRUCTION_CHARS}
            value={ask.instruction}
            disabled={disabled}
            onChange={(e) => ask.setInstruction(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
                e.preventDefault();
                onRun();
              }
            }}
          />
          <span className="writer-ask-presets" role="group" aria-label="Ask presets">
            {ASK_PRESETS.map((p) => (
              <button
                key={p.id}
                type="button"
                className="button small"
                data-testid={`writer-ask-preset-${p.id}`}
                title={p.instruction}
                disabled={disabled}
                onClick={() => {
                  ask.setInstruction(p.instruction);
                  onAsk(p.instruction);
                }}
              >
                {p.label}
              </button>
            ))}
          </span>
          <details className="writer-ask-system">
            <summary>System message</summary>
            <textarea
              aria-invalid={errorField === 'system'}
              data-testid="writer-ask-system"
              aria-label="System message (optional)"
              placeholder="Optional: how the model should behave (“You are a careful copy editor.”)"
              maxLength={TEXT_MAX_SYSTEM_CHARS}
              rows={2}
              value={ask.system}
              disabled={disabled}
              onChange={(e) => ask.setSystem(e.target.value)}
            />
          </details>
        </div>
      ) : null}
    </div>
  );
}
