/**
 * Saving the roll to the library, with where its notes came from when they are still as made. A
 * clip opened from the library whose name is all that changed is renamed in place
 * (`melody.rename`: the same record); anything else is saved as a new clip (its parent the opened one).
 */
import { useState } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { sameMusic } from './notes';
import type { ClipState, OpenedClip } from './useClip';

export interface SaveClip {
  saving: boolean;
  save: () => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  clip: ClipState;
  opened: OpenedClip | null;
  onSaved: (gen: Generation) => void;
  reportError: (err: unknown) => void;
  notify: (text: string) => void;
}

export function useSaveClip({ api, clip, opened, onSaved, reportError, notify }: Deps): SaveClip {
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    if (saving) return;
    const { notes, bpm, name, provenance, lock, meter } = clip;
    if (notes.length === 0) {
      reportError({
        code: 'invalid-input',
        message: 'The roll is empty: draw or generate some notes to save.',
      });
      return;
    }
    setSaving(true);
    try {
      if (opened && clip.onlyRenamed && name.trim()) {
        const gen = await api.melody.rename({ id: opened.id, name });
        clip.markSaved(gen, { notes, bpm, name: gen.title });
        onSaved(gen);
        notify(`Renamed the clip “${gen.title}”`);
        return;
      }
      const p = provenance && sameMusic(provenance.notes, notes) ? provenance : null;
      const gen = await api.melody.save({
        clip: { notes, bpm, name, key: lock.key, scale: lock.scale, timeSignature: [meter[0], meter[1]] },
        origin: p?.origin ?? 'edit',
        ...(p?.model ? { model: p.model } : {}),
        seed: p?.seed ?? 0,
        params: { ...(p?.params ?? {}), name },
        ...(p?.latents ? { latents: p.latents } : {}),
        parentId: opened?.id ?? null,
      });
      clip.markSaved(gen, { notes, bpm, name: gen.title });
      onSaved(gen);
      notify(`Saved “${gen.title}” to the library`);
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };
  return { saving, save };
}
