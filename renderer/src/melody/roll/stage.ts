/**
 * The piano roll's Konva stage, driven imperatively (no React render per pointer move or wheel
 * event). One layer holds six Konva.Shapes (grid, notes, velocity lane, keyboard, ruler, overlay)
 * whose scene functions draw only what is in view; nothing listens for Konva events: pointer and
 * wheel events arrive on the host element and are hit-tested with arithmetic (view.ts) and turned
 * into edits by the gesture machines (gestures.ts). The playhead is a separate light layer moved
 * every animation frame. Scroll and zoom live here, mirrored into the host's data-* attributes.
 */
import Konva from 'konva';
import {
  beginGesture,
  DEFAULT_DRAW_LENGTH,
  endGesture,
  isDoubleClick,
  moveGesture,
  type Gesture,
  type GestureEnv,
  type GestureOutput,
  type Loop,
  type PointerInput,
  type PressRecord,
  type Tool,
} from './gestures';
import { rulerBars } from './grid';
import {
  COMMON_TIME,
  contentEnd,
  DEFAULT_VELOCITY,
  type BarGrid,
  type Extent,
  type NoteRect,
  type RollNote,
  type Snap,
} from './model';
import { paintGrid, paintKeys, paintLane, paintNotes, paintOverlay, paintRuler, type Scene } from './paint';
import {
  beatToX,
  clamp,
  clampView,
  followPlayhead,
  gridBottom,
  hitNote,
  hitVelocity,
  initialView,
  nearX,
  regionAt,
  revealView,
  totalBeats,
  wheelPixels,
  wheelZoomFactor,
  yToPitch,
  zoomPitchAt,
  zoomTimeAt,
  ZOOM_FACTOR,
  type RollView,
} from './view';

export interface RollModel {
  notes: readonly RollNote[];
  selection: ReadonlySet<string>;
  tool: Tool;
  snap: Snap;
  /** The clip's meter: bar lines, ruler numbers, "bar" and "beat" snaps. */
  grid: BarGrid;
  loop: Loop | null;
  scale: readonly boolean[] | null;
  minBars: number;
}

export interface RollCallbacks {
  preview: (notes: readonly RollNote[]) => void;
  apply: (label: string, notes: readonly RollNote[]) => void;
  commit: (label: string) => void;
  cancel: () => void;
  setSelection: (selection: ReadonlySet<string>) => void;
  audition?: (pitch: number, velocity: number) => void;
  seek?: (beat: number) => void;
  loopChange?: (loop: Loop | null) => void;
  getPlayhead?: () => number | null;
}

/** Gestures that scroll the view when dragged past its edges. */
const AUTOSCROLL = new Set<Gesture['kind']>(['draw', 'move', 'resize', 'rubber', 'loop', 'erase']);
/** The data-playhead attribute is written at most this often while playing. */
const PLAYHEAD_ATTR_MS = 100;

const EMPTY_MODEL: RollModel = {
  notes: [],
  selection: new Set(),
  tool: 'draw',
  snap: '1/16',
  grid: COMMON_TIME,
  loop: null,
  scale: null,
  minBars: 4,
};

export class RollStage {
  view: RollView;
  private readonly stage: Konva.Stage;
  private readonly layer: Konva.Layer;
  private readonly playLayer: Konva.Layer;
  private readonly playLine: Konva.Rect;
  private readonly playHead: Konva.Line;
  private readonly playGroup: Konva.Group;
  private readonly ro: ResizeObserver;
  private model: RollModel = EMPTY_MODEL;
  private cb: RollCallbacks | null = null;
  private sized = false;
  private fitPending = true;
  private gesture: Gesture | null = null;
  private pointerId: number | null = null;
  private lastPointer: PointerInput | null = null;
  private rubber: NoteRect | null = null;
  private info: string | null = null;
  private hoverPitch: number | null = null;
  private drawLength = DEFAULT_DRAW_LENGTH;
  private lastUserScroll = -Infinity;
  private wheelRows = 0;
  private autoRows = 0;
  private lastPress: PressRecord | null = null;
  private raf = 0;
  private playheadAttr = '';
  private playheadWritten = 0;
  private playheadX: number | null = null;
  private lastPlayhead: number | null = null;
  private endCache: { notes: readonly RollNote[]; end: number } | null = null;
  private cursor = '';

  constructor(
    private readonly host: HTMLElement,
    container: HTMLDivElement,
  ) {
    const r = host.getBoundingClientRect();
    const width = Math.max(1, Math.floor(r.width));
    const height = Math.max(1, Math.floor(r.height));
    this.view = initialView({ width, height }, []);
    this.stage = new Konva.Stage({ container, width, height, listening: false });
    this.layer = new Konva.Layer({ listening: false });
    const shape = (paint: (ctx: CanvasRenderingContext2D, s: Scene) => void): Konva.Shape =>
      new Konva.Shape({
        listening: false,
        perfectDrawEnabled: false,
        sceneFunc: (ctx) => paint(ctx._context, this.scene()),
      });
    this.layer.add(
      shape(paintGrid),
      shape(paintNotes),
      shape(paintLane),
      shape(paintKeys),
      shape(paintRuler),
      shape(paintOverlay),
    );
    this.playLayer = new Konva.Layer({ listening: false });
    this.playLine = new Konva.Rect({ x: -0.5, y: 0, width: 1.5, height, fill: '#ffd166', listening: false });
    this.playHead = new Konva.Line({
      points: [-6, 0, 6, 0, 0, 8],
      closed: true,
      fill: '#ffd166',
      listening: false,
    });
    this.playGroup = new Konva.Group({ visible: false, listening: false });
    this.playGroup.add(this.playLine, this.playHead);
    this.playLayer.add(this.playGroup);
    this.stage.add(this.layer, this.playLayer);

    if (r.width >= 1 && r.height >= 1) this.sized = true;
    this.ro = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      // A hidden roll reports 0×0: keep the last size so it comes back as it was.
      if (!rect || rect.width < 1 || rect.height < 1) return;
      this.resize(Math.floor(rect.width), Math.floor(rect.height));
    });
    this.ro.observe(host);

    host.addEventListener('pointerdown', this.onPointerDown);
    host.addEventListener('pointermove', this.onPointerMove);
    host.addEventListener('pointerup', this.onPointerUp);
    host.addEventListener('pointercancel', this.onPointerCancel);
    host.addEventListener('pointerleave', this.onPointerLeave);
    host.addEventListener('contextmenu', this.onContextMenu);
    host.addEventListener('wheel', this.onWheel, { passive: false });
    this.syncData();
    host.dataset.playhead = '';
    this.raf = requestAnimationFrame(this.tick);
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.ro.disconnect();
    const h = this.host;
    h.removeEventListener('pointerdown', this.onPointerDown);
    h.removeEventListener('pointermove', this.onPointerMove);
    h.removeEventListener('pointerup', this.onPointerUp);
    h.removeEventListener('pointercancel', this.onPointerCancel);
    h.removeEventListener('pointerleave', this.onPointerLeave);
    h.removeEventListener('contextmenu', this.onContextMenu);
    h.removeEventListener('wheel', this.onWheel);
    this.stage.destroy();
  }

  setCallbacks(cb: RollCallbacks): void {
    this.cb = cb;
  }

  /** The notes, selection and settings as React holds them. */
  setModel(model: RollModel): void {
    const prev = this.model;
    this.model = model;
    if (prev.grid.bar !== model.grid.bar) {
      // Another meter: as many of its bars stay in view as before (four 4/4 bars become four of 3/4).
      this.setView({ ...this.view, beatWidth: (this.view.beatWidth * prev.grid.bar) / model.grid.bar });
    }
    if (
      prev.notes !== model.notes ||
      prev.selection !== model.selection ||
      prev.snap !== model.snap ||
      prev.grid !== model.grid ||
      prev.loop !== model.loop ||
      prev.scale !== model.scale ||
      prev.minBars !== model.minBars
    ) {
      this.setView(this.view);
      this.redraw();
    }
    if (prev.grid !== model.grid || prev.snap !== model.snap) this.syncData();
    if (prev.tool !== model.tool) this.updateCursor(null);
  }

  /** The default view for the current notes (on load, and when a clip is loaded). */
  fit(): void {
    if (!this.sized) {
      this.fitPending = true;
      return;
    }
    this.fitPending = false;
    const size = { width: this.view.width, height: this.view.height };
    const v = initialView(size, this.model.notes, undefined, this.model.grid.bar);
    this.setView(v, true);
  }

  zoomTime(direction: 1 | -1): void {
    const v = this.view;
    const factor = direction > 0 ? ZOOM_FACTOR : 1 / ZOOM_FACTOR;
    // Around the playhead when it is in view, else around the grid's left edge.
    const px = this.playheadX;
    const anchor = px !== null && px >= v.keyWidth && px <= v.width ? px : v.keyWidth;
    this.userScrolled();
    this.setView(zoomTimeAt(v, anchor, factor));
  }

  zoomPitch(direction: 1 | -1): void {
    const v = this.view;
    this.userScrolled();
    this.setView(
      zoomPitchAt(v, (v.rulerHeight + gridBottom(v)) / 2, direction > 0 ? ZOOM_FACTOR : 1 / ZOOM_FACTOR),
    );
  }

  /** Scrolls (if needed) so the box is in view, e.g. notes moved by the keyboard. */
  reveal(box: Extent): void {
    this.setView(revealView(this.view, box));
  }

  isDragging(): boolean {
    return this.gesture !== null;
  }

  /** Abandons the gesture in progress (Escape): the notes go back to where they were. */
  cancelGesture(): void {
    if (!this.gesture) return;
    this.gesture = null;
    this.pointerId = null;
    this.rubber = null;
    this.info = null;
    this.cb?.cancel();
    this.redraw();
  }

  /** The stage's current playhead position, or null when stopped. */
  playheadBeat(): number | null {
    return this.cb?.getPlayhead?.() ?? null;
  }

  // --- drawing -------------------------------------------------------------------------------

  private scene(): Scene {
    const m = this.model;
    return {
      view: this.view,
      notes: m.notes,
      selection: m.selection,
      snap: m.snap,
      grid: m.grid,
      total: this.total(),
      loop: m.loop,
      scale: m.scale,
      hoverPitch: this.hoverPitch,
      rubber: this.rubber,
      info:
        this.info && this.lastPointer
          ? { text: this.info, x: this.lastPointer.x, y: this.lastPointer.y }
          : null,
    };
  }

  private redraw(): void {
    this.layer.batchDraw();
  }

  private total(): number {
    const notes = this.model.notes;
    if (!this.endCache || this.endCache.notes !== notes) this.endCache = { notes, end: contentEnd(notes) };
    // The song, the loop and the playhead (so following it can scroll past the last note).
    const playing = this.lastPlayhead ?? 0;
    const end = Math.max(this.endCache.end, this.model.loop?.end ?? 0, playing);
    return totalBeats(end, this.model.minBars, this.model.grid.bar);
  }

  private setView(next: RollView, force = false): void {
    const v = clampView(next, this.total());
    if (!force && v === this.view) return;
    const changed =
      force ||
      v.scrollBeat !== this.view.scrollBeat ||
      v.topPitch !== this.view.topPitch ||
      v.beatWidth !== this.view.beatWidth ||
      v.rowHeight !== this.view.rowHeight ||
      v.width !== this.view.width ||
      v.height !== this.view.height;
    this.view = v;
    if (!changed) return;
    this.syncData();
    this.redraw();
  }

  private resize(width: number, height: number): void {
    this.sized = true;
    if (width !== this.stage.width() || height !== this.stage.height()) {
      this.stage.size({ width, height });
      this.playLine.height(height);
    }
    if (this.fitPending) {
      this.view = { ...this.view, width, height };
      this.fit();
      return;
    }
    this.setView({ ...this.view, width, height });
  }

  private syncData(): void {
    const v = this.view;
    const d = this.host.dataset;
    d.keyWidth = String(v.keyWidth);
    d.rulerHeight = String(v.rulerHeight);
    d.rowHeight = String(v.rowHeight);
    d.beatWidth = String(v.beatWidth);
    d.scrollBeat = String(v.scrollBeat);
    d.topPitch = String(v.topPitch);
    d.laneHeight = String(v.laneHeight);
    // The ruler's bars in view as "number@beat", as they are drawn.
    d.rulerBars = rulerBars(v, this.model.snap, this.model.grid)
      .map((b) => `${b.number}@${b.beat}`)
      .join(' ');
  }

  private userScrolled(): void {
    this.lastUserScroll = performance.now();
  }

  // --- the animation frame: playhead, follow, auto-scroll -----------------------------------

  private tick = (now: number): void => {
    this.raf = requestAnimationFrame(this.tick);
    this.autoScroll();
    const polled = this.cb?.getPlayhead?.() ?? null;
    const beat = polled !== null && Number.isFinite(polled) ? polled : null;
    this.lastPlayhead = beat;
    if (beat === null) {
      if (this.playheadX !== null) {
        this.playheadX = null;
        this.playGroup.visible(false);
        this.playLayer.batchDraw();
      }
      if (this.playheadAttr !== '') {
        this.playheadAttr = '';
        this.host.dataset.playhead = '';
      }
      return;
    }
    if (!this.gesture) {
      const next = followPlayhead(this.view, beat, now - this.lastUserScroll, this.model.grid.bar);
      if (next !== null) this.setView({ ...this.view, scrollBeat: next });
    }
    const x = Math.round(beatToX(this.view, beat) * 2) / 2;
    if (x !== this.playheadX) {
      this.playheadX = x;
      const inside = x >= this.view.keyWidth && x <= this.view.width;
      this.playGroup.setAttrs({ x, visible: inside });
      this.playLayer.batchDraw();
    }
    if (now - this.playheadWritten >= PLAYHEAD_ATTR_MS) {
      const text = String(Math.round(beat * 100) / 100);
      if (text !== this.playheadAttr) {
        this.playheadAttr = text;
        this.host.dataset.playhead = text;
      }
      this.playheadWritten = now;
    }
  };

  /** While a drag is held past the grid's edges, scroll towards the pointer. */
  private autoScroll(): void {
    const g = this.gesture;
    const p = this.lastPointer;
    if (!g || !p || !AUTOSCROLL.has(g.kind)) return;
    const v = this.view;
    let dx = 0;
    if (p.x > v.width - 8) dx = p.x - (v.width - 8);
    else if (p.x < v.keyWidth + 4) dx = p.x - (v.keyWidth + 4);
    let dy = 0;
    if (g.kind !== 'loop') {
      if (p.y < v.rulerHeight + 4) dy = p.y - (v.rulerHeight + 4);
      else if (p.y > gridBottom(v) - 4 && g.kind !== 'resize') dy = p.y - (gridBottom(v) - 4);
    }
    if (dx === 0 && dy === 0) return;
    let next = v;
    if (dx !== 0) {
      const px = clamp(dx / 3, -24, 24) + Math.sign(dx) * 2;
      next = { ...next, scrollBeat: Math.max(0, next.scrollBeat + px / v.beatWidth) };
    }
    if (dy !== 0) {
      this.autoRows += clamp(dy / 40, -1, 1) + Math.sign(dy) * 0.1;
      const rows = Math.trunc(this.autoRows);
      this.autoRows -= rows;
      if (rows !== 0) next = { ...next, topPitch: next.topPitch - rows };
    }
    const before = this.view;
    this.setView(next);
    if (this.view !== before) this.continueGesture();
  }

  // --- pointer ------------------------------------------------------------------------------

  private pointer(e: PointerEvent): PointerInput {
    const r = this.host.getBoundingClientRect();
    return {
      x: e.clientX - r.left,
      y: e.clientY - r.top,
      button: e.button,
      shift: e.shiftKey,
      alt: e.altKey,
      ctrl: e.ctrlKey || e.metaKey,
    };
  }

  private env(double = false): GestureEnv {
    const m = this.model;
    return {
      view: this.view,
      notes: m.notes,
      selection: m.selection,
      tool: m.tool,
      snap: m.snap,
      grid: m.grid,
      drawLength: this.drawLength,
      drawVelocity: DEFAULT_VELOCITY,
      loop: m.loop,
      double,
    };
  }

  private onPointerDown = (e: PointerEvent): void => {
    this.host.focus({ preventScroll: true });
    if (this.gesture) return;
    if (e.pointerType === 'mouse' && e.button > 2) return;
    e.preventDefault();
    const p = this.pointer(e);
    this.lastPointer = p;
    const hit =
      p.button === 0 && regionAt(this.view, p.x, p.y) === 'grid'
        ? hitNote(this.model.notes, this.view, p.x, p.y)
        : null;
    const press: PressRecord = { time: e.timeStamp, x: p.x, y: p.y, noteId: hit?.id ?? null };
    const double = p.button === 0 && isDoubleClick(this.lastPress, press);
    this.lastPress = p.button === 0 && !double ? press : null;
    const step = beginGesture(this.env(double), p);
    this.perform(step.out, p);
    if (step.gesture) {
      this.gesture = step.gesture;
      this.pointerId = e.pointerId;
      this.autoRows = 0;
      try {
        this.host.setPointerCapture(e.pointerId);
      } catch {
        // The pointer may already be gone (a synthetic event): the drag still ends on pointerup.
      }
      this.updateCursor(p);
    }
    this.redraw();
  };

  private onPointerMove = (e: PointerEvent): void => {
    const p = this.pointer(e);
    if (this.gesture && e.pointerId === this.pointerId) {
      this.lastPointer = { ...p, button: this.lastPointer?.button ?? 0 };
      this.continueGesture();
      return;
    }
    if (this.gesture) return;
    this.lastPointer = p;
    this.updateCursor(p);
    const region = regionAt(this.view, p.x, p.y);
    const hover = region === 'grid' || region === 'keys' ? clamp(yToPitch(this.view, p.y), 0, 127) : null;
    if (hover !== this.hoverPitch) {
      this.hoverPitch = hover;
      this.redraw();
    }
  };

  private continueGesture(): void {
    const g = this.gesture;
    const p = this.lastPointer;
    if (!g || !p) return;
    const step = moveGesture(g, this.env(), p);
    this.gesture = step.gesture;
    this.perform(step.out, p);
    if (g.kind === 'move' || g.kind === 'draw' || g.kind === 'resize') {
      this.hoverPitch = clamp(yToPitch(this.view, p.y), 0, 127);
    }
    this.redraw();
  }

  private onPointerUp = (e: PointerEvent): void => {
    if (!this.gesture || e.pointerId !== this.pointerId) return;
    const g = this.gesture;
    const p = this.pointer(e);
    this.gesture = null;
    this.pointerId = null;
    this.perform(endGesture(g, this.env()), p);
    this.rubber = null;
    this.info = null;
    if (this.host.hasPointerCapture(e.pointerId)) this.host.releasePointerCapture(e.pointerId);
    this.updateCursor(p);
    this.redraw();
  };

  private onPointerCancel = (e: PointerEvent): void => {
    if (e.pointerId !== this.pointerId) return;
    this.cancelGesture();
  };

  private onPointerLeave = (): void => {
    if (this.gesture || this.hoverPitch === null) return;
    this.hoverPitch = null;
    this.redraw();
  };

  private onContextMenu = (e: MouseEvent): void => {
    e.preventDefault();
  };

  private onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const r = this.host.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const v = this.view;
    const dy = wheelPixels(e.deltaY, e.deltaMode, v.height);
    const dx = wheelPixels(e.deltaX, e.deltaMode, v.width);
    let next = v;
    if (e.ctrlKey || e.metaKey) {
      next = zoomTimeAt(v, x, wheelZoomFactor(dy || dx));
    } else if (e.altKey) {
      next = zoomPitchAt(v, y, wheelZoomFactor(dy || dx));
    } else if (e.shiftKey) {
      next = { ...v, scrollBeat: v.scrollBeat + (dx || dy) / v.beatWidth };
    } else {
      if (dx !== 0) next = { ...next, scrollBeat: v.scrollBeat + dx / v.beatWidth };
      if (dy !== 0) {
        this.wheelRows += dy / v.rowHeight;
        const rows = Math.trunc(this.wheelRows);
        this.wheelRows -= rows;
        if (rows !== 0) next = { ...next, topPitch: v.topPitch - rows };
      }
    }
    this.userScrolled();
    const before = this.view;
    this.setView(next);
    if (this.view !== before && this.gesture) this.continueGesture();
  };

  /** Carries out what a gesture step asked for. */
  private perform(out: GestureOutput, p: PointerInput): void {
    const cb = this.cb;
    if (out.apply) {
      this.model = { ...this.model, notes: out.apply.notes };
      cb?.apply(out.apply.label, out.apply.notes);
    }
    if (out.preview) {
      this.model = { ...this.model, notes: out.preview };
      cb?.preview(out.preview);
    }
    if (out.selection) {
      this.model = { ...this.model, selection: out.selection };
      cb?.setSelection(out.selection);
    }
    if (out.commit) cb?.commit(out.commit);
    if (out.audition) {
      this.hoverPitch = out.audition.pitch;
      cb?.audition?.(out.audition.pitch, out.audition.velocity);
    }
    if (out.seek !== undefined) cb?.seek?.(out.seek);
    if (out.loop !== undefined && cb?.loopChange) {
      this.model = { ...this.model, loop: out.loop };
      cb.loopChange(out.loop);
    }
    if (out.drawLength !== undefined && out.drawLength > 0) this.drawLength = out.drawLength;
    if (out.rubber !== undefined) this.rubber = out.rubber;
    if (out.info !== undefined) this.info = out.info;
    if (out.scroll) {
      this.userScrolled();
      this.setView({ ...this.view, ...out.scroll });
    }
    this.lastPointer = { ...p, button: this.lastPointer?.button ?? p.button };
  }

  private updateCursor(p: PointerInput | null): void {
    const c = this.cursorAt(p ?? this.lastPointer);
    if (c === this.cursor) return;
    this.cursor = c;
    this.host.style.cursor = c;
  }

  private cursorAt(p: PointerInput | null): string {
    const g = this.gesture;
    if (g) {
      switch (g.kind) {
        case 'move':
          return g.copy ? 'copy' : 'move';
        case 'resize':
          return 'ew-resize';
        case 'velocity':
          return 'ns-resize';
        case 'pan':
          return 'grabbing';
        case 'loop':
          return 'ew-resize';
        default:
          return this.cursor;
      }
    }
    if (!p) return '';
    const v = this.view;
    switch (regionAt(v, p.x, p.y)) {
      case 'grid': {
        const hit = hitNote(this.model.notes, v, p.x, p.y);
        if (hit) return hit.part === 'end' ? 'ew-resize' : 'grab';
        return this.model.tool === 'draw' ? 'crosshair' : 'default';
      }
      case 'keys':
        return 'pointer';
      case 'ruler': {
        const loop = this.model.loop;
        if (p.y >= v.rulerHeight / 2 && loop && (nearX(v, loop.start, p.x) || nearX(v, loop.end, p.x))) {
          return 'ew-resize';
        }
        return 'pointer';
      }
      case 'lane':
        return hitVelocity(this.model.notes, v, p.x, p.y, this.model.selection) ? 'ns-resize' : 'default';
      default:
        return 'default';
    }
  }
}
