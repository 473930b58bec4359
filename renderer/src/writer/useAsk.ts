/**
 * The Writer's mode (Continue or Ask) and Ask's instruction and system message, kept in
 * localStorage; and whether the chosen model can Ask (`text.chat`, asked again when the model
 * changes): a model without a chat template keeps the Writer in Continue, with the reason shown.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AtelierApi, ModelStatus } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { browserStore, readJson, writeJson } from '../shell/storage';
import type { WriterMode } from './ask';

const ASK_KEY = 'atelier.writer.ask.v1';

export interface AskSettings {
  /** The mode the next run takes: 'continue' whenever the model cannot Ask. */
  mode: WriterMode;
  /** The mode the user picked (kept while a model without a template is chosen). */
  picked: WriterMode;
  setMode: (m: WriterMode) => void;
  instruction: string;
  setInstruction: (s: string) => void;
  system: string;
  setSystem: (s: string) => void;
  /** Whether the chosen model can Ask: null while main is asked. */
  canAsk: boolean | null;
  /** Why it cannot (shown beside the disabled Ask), or null. */
  reason: string | null;
}

interface Stored {
  mode: WriterMode;
  instruction: string;
  system: string;
}

function readStored(): Stored {
  const d = readJson(browserStore(), ASK_KEY);
  const r = typeof d === 'object' && d !== null ? (d as Record<string, unknown>) : {};
  return {
    mode: r.mode === 'ask' ? 'ask' : 'continue',
    instruction: typeof r.instruction === 'string' ? r.instruction : '',
    system: typeof r.system === 'string' ? r.system : '',
  };
}

export function useAsk(api: AtelierApi, model: ModelStatus | null): AskSettings {
  const store = useMemo(() => browserStore(), []);
  const [stored, setStored] = useState<Stored>(readStored);
  const [chat, setChat] = useState<{ model: string; chat: boolean; reason: string | null } | null>(null);
  useEffect(() => {
    writeJson(store, ASK_KEY, stored);
  }, [store, stored]);

  const modelId = model?.id ?? null;
  // Asked again for another model, or the same id installed again (another sha256).
  const id = model ? `${model.id}:${model.sha256}` : null;
  useEffect(() => {
    if (id === null || modelId === null) return;
    let live = true;
    api.text.chat({ model: modelId }).then(
      (info) => {
        if (live) setChat({ model: id, chat: info.chat, reason: info.reason });
      },
      (err: unknown) => {
        if (live) setChat({ model: id, chat: false, reason: toErrorInfo(err).message });
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, modelId]);

  const known = chat !== null && chat.model === id;
  const canAsk = id === null ? false : known ? chat.chat : null;
  const reason = id === null ? 'Choose a text model first.' : known ? chat.reason : null;
  return {
    mode: canAsk === true ? stored.mode : 'continue',
    picked: stored.mode,
    setMode: (mode) => setStored((s) => ({ ...s, mode })),
    instruction: stored.instruction,
    setInstruction: (instruction) => setStored((s) => ({ ...s, instruction })),
    system: stored.system,
    setSystem: (system) => setStored((s) => ({ ...s, system })),
    canAsk,
    reason,
  };
}
