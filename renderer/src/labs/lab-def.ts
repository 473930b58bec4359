/**
 * What one lab is to the Labs studio: its engine id (preload/labs/registry.ts), the settings it
 * adds to the common ones, the picture it draws from the worker's snapshots, its guided path and
 * its check-yourself tasks. Each lab's folder (`gan/`, `vae/`, `flow/`, `diffusion/`, `bayes/`)
 * exports one `LabDef`; `labs.ts` lists them once.
 */
import type { ComponentType } from 'react';
import type { Dataset, LabId, Losses } from '../../../preload/labs/types';

/** A lab-specific setting shown under the common ones (learning rate, optimizer, batch, width, depth). */
export interface FieldDef {
  /** The key in the lab's settings object. */
  key: string;
  label: string;
  kind: 'number' | 'select' | 'range' | 'toggle';
  min?: number;
  max?: number;
  step?: number;
  options?: { value: string | number; label: string }[];
  /** One sentence: what changing it does. */
  help?: string;
  /**
   * Changing it rebuilds the model from the seed (sizes, losses); false = it applies to the
   * running model on the next step (β, learning rate, steps per generator step).
   */
  rebuilds: boolean;
}

/** What a lab's picture gets every frame. */
export interface LabViewProps<V, R> {
  /** The newest snapshot from the worker (`engine.view(request)`), null before the first. */
  view: V | null;
  /** The training data on show. */
  data: Dataset;
  /** What the picture asks of the engine (layer, t, probe point, observed x, …). */
  request: R;
  /** Changes the request; the worker answers with the next snapshot. */
  setRequest: (next: R) => void;
  /** The newest metrics (`engine.metrics()`), null until measured. */
  metrics: Record<string, number> | null;
  /** The lab's settings as they are now. */
  settings: Record<string, unknown>;
  /** The picture's side in CSS pixels (square). */
  size: number;
}

/** One step of a lab's guided path. */
export interface GuideStep {
  title: string;
  /** What to notice and what to try (a short paragraph). */
  body: string;
}

/** What a check-yourself task can look at: the live model's state, measured by the worker. */
export interface CheckContext {
  metrics: Record<string, number>;
  settings: Record<string, unknown>;
  iteration: number;
  losses: Losses;
  data: Dataset;
}

export interface CheckDef {
  id: string;
  /** The task, as said to the learner ("Make the GAN collapse to one or two modes"). */
  title: string;
  /** A hint for when they are stuck. */
  hint: string;
  /** Verified on the live model after each metrics update. `detail` says what was measured. */
  verify: (ctx: CheckContext) => { passed: boolean; detail: string };
}

export interface LabDef<V = unknown, R = unknown> {
  id: LabId;
  /** The tab's label ("GAN"). */
  title: string;
  /** One line under the title. */
  blurb: string;
  fields: FieldDef[];
  /** The view request a fresh lab starts with. */
  initialRequest: R;
  View: ComponentType<LabViewProps<V, R>>;
  /** The chart's series names in draw order with their labels (e.g. d → "Discriminator"). */
  series: { key: string; label: string }[];
  guide: GuideStep[];
  checks: CheckDef[];
  /**
   * Settings for the image mode (16×16 glyphs), where the lab has one; absent = 2-D only.
   * Merged over the lab's defaults when the learner switches to images.
   */
  imageSettings?: Record<string, unknown>;
}
