/**
 * Opening a library text record in the Writer: the whole document (prompt + continuation + after)
 * with the cursor after the continuation, its model and settings. Asks first when the editor holds
 * other text.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { documentDraft, documentFromParams, type TextDocument } from './document';
import { formFromSampling } from './settings';
import type { Continuation } from './useContinuation';
import type { Draft } from './useDraft';
import type { SamplingSettings } from './useSamplingSettings';
import type { TaskModels } from '../shell/useTaskModels';

export interface OpenConfirm {
  title: string;
  replace: () => void;
  cancel: () => void;
}

interface Options {
  api: AtelierApi;
  openRequest: { generation: Generation; n: number } | null;
  draft: Draft;
  continuation: Continuation;
  settings: SamplingSettings;
  models: TaskModels;
  reportError: (err: unknown) => void;
}

/** The record's document: from its params, else its text asset (the whole document, cursor at its end). */
async function loadDocument(api: AtelierApi, gen: Generation): Promise<TextDocument> {
  const doc = documentFromParams(gen);
  if (doc) return doc;
  const asset = await api.library.asset({ id: gen.id, role: 'text' });
  return { prompt: '', text: new TextDecoder().decode(asset.bytes), after: '' };
}

export function useLibraryOpen({
  api,
  openRequest,
  draft,
  continuation,
  settings,
  models,
  reportError,
}: Options): OpenConfirm | null {
  const [confirm, setConfirm] = useState<OpenConfirm | null>(null);

  const open = useEffectEvent(async (gen: Generation) => {
    let doc: TextDocument;
    try {
      doc = await loadDocument(api, gen);
    } catch (err) {
      reportError(err);
      return;
    }
    const next = documentDraft(doc);
    const apply = (): void => {
      setConfirm(null);
      continuation.reset();
      if (models.list.some((m) => m.id === gen.modelId && m.ok)) models.choose(gen.modelId);
      settings.load(formFromSampling(gen.params.sampling, gen.params.preset, settings.form));
      draft.replace(next.text, next.cursor);
    };
    if (draft.text.trim() === '' || draft.text === next.text) apply();
    else setConfirm({ title: gen.title, replace: apply, cancel: () => setConfirm(null) });
  });

  useEffect(() => {
    // The Library's Open arrives as a prop (the studio may mount because of it): act on it once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openRequest) void open(openRequest.generation);
  }, [openRequest]);

  return confirm;
}
