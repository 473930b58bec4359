/**
 * The piano roll's keyboard and toolbar actions (delete, select, duplicate, copy/cut/paste,
 * transpose, nudge, undo/redo, quantize, tool, zoom) carried out on the editor, each one undo step,
 * on the grid of the clip's meter.
 */
import {
  copyNotes,
  deleteNotes,
  duplicateNotes,
  extentOf,
  moveNotes,
  nudgeStep,
  pasteNotes,
  quantizeNotes,
  quantizeSnap,
  snapValue,
  transposeNotes,
  type BarGrid,
  type RollClip,
  type Snap,
} from './model';
import type { Tool } from './gestures';
import type { RollKeyAction } from './shortcuts';
import type { RollStage } from './stage';
import type { MelodyEditor } from './useMelodyEditor';

export interface ActionContext {
  editor: MelodyEditor;
  snap: Snap;
  /** The clip's meter: Shift+arrows move by its bar, snaps follow its bars and beats. */
  grid: BarGrid;
  setTool: (tool: Tool) => void;
  stage: RollStage | null;
  clipboard: { current: RollClip | null };
  onAudition?: (pitch: number, velocity: number) => void;
}

/** Carries out a keyboard or toolbar action on the editor. */
export function runAction(a: RollKeyAction, c: ActionContext): void {
  const { editor, snap, grid, stage } = c;
  const { notes, selection } = editor;
  const reveal = (ids: ReadonlySet<string>, after: typeof notes): void => {
    const e = extentOf(after, ids);
    if (e) stage?.reveal(e);
  };
  const auditionSingle = (ids: ReadonlySet<string>, after: typeof notes): void => {
    if (ids.size !== 1) return;
    const n = after.find((x) => ids.has(x.id));
    if (n) c.onAudition?.(n.pitch, n.velocity);
  };
  switch (a.kind) {
    case 'delete':
      if (selection.size === 0) return;
      editor.apply(selection.size === 1 ? 'Delete note' : 'Delete notes', deleteNotes(notes, selection));
      editor.setSelection(new Set());
      return;
    case 'selectAll':
      editor.setSelection(new Set(notes.map((n) => n.id)));
      return;
    case 'deselect':
      editor.setSelection(new Set());
      return;
    case 'duplicate': {
      if (selection.size === 0) return;
      const r = duplicateNotes(notes, selection, snap, undefined, grid);
      editor.apply('Duplicate notes', r.notes);
      const ids = new Set(r.ids);
      editor.setSelection(ids);
      reveal(ids, r.notes);
      return;
    }
    case 'copy':
    case 'cut': {
      const clip = copyNotes(notes, selection);
      if (!clip) return;
      c.clipboard.current = clip;
      if (a.kind === 'cut') {
        editor.apply('Cut notes', deleteNotes(notes, selection));
        editor.setSelection(new Set());
      }
      return;
    }
    case 'paste': {
      const clip = c.clipboard.current;
      if (!clip) return;
      const playhead = stage?.playheadBeat() ?? null;
      const sel = extentOf(notes, selection);
      const at =
        playhead !== null
          ? Math.max(0, snapValue(playhead, snap, 'round', grid))
          : sel
            ? sel.end
            : clip.origin + clip.length;
      const r = pasteNotes(notes, clip, at);
      editor.apply('Paste notes', r.notes);
      const ids = new Set(r.ids);
      editor.setSelection(ids);
      reveal(ids, r.notes);
      return;
    }
    case 'transpose': {
      if (selection.size === 0) return;
      const next = transposeNotes(notes, selection, a.semitones);
      const sign = a.semitones > 0 ? '+' : '';
      editor.apply(`Transpose ${sign}${a.semitones}`, next);
      reveal(selection, next);
      auditionSingle(selection, next);
      return;
    }
    case 'nudge': {
      if (selection.size === 0) return;
      const unit = nudgeStep(a.unit, snap, grid);
      const next = moveNotes(notes, selection, a.steps * unit, 0);
      editor.apply('Move notes', next);
      reveal(selection, next);
      return;
    }
    case 'undo':
      editor.undo();
      return;
    case 'redo':
      editor.redo();
      return;
    case 'quantize':
      if (notes.length === 0) return;
      editor.apply(
        'Quantize',
        quantizeNotes(notes, selection.size > 0 ? selection : null, quantizeSnap(snap), grid),
      );
      return;
    case 'tool':
      c.setTool(a.tool);
      return;
    case 'zoomTime':
      stage?.zoomTime(a.direction);
      return;
  }
}
