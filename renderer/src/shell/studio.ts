/**
 * What a studio is to the shell: its definition (`StudioDef`, one per studio folder, listed once in
 * `src/studios.ts`) and the props every studio gets (`StudioProps`). The app, the nav and the
 * Library's cards read the list; nothing outside a studio's folder names the studio.
 */
import type { ComponentType, ReactNode } from 'react';
import {
  generationFileName,
  kinds,
  type AssetRole,
  type AtelierApi,
  type Generation,
  type KindDef,
  type ModelStatus,
} from '../../../preload/contract';
import { formatDimensions } from './format';
import type { IconSource } from './icons';
import type { ModelsState } from './modelsBlocker';

/** A library record to open in a studio; `n` changes each time the Library's Open is pressed. */
export interface OpenRequest {
  generation: Generation;
  n: number;
}

/** What the app passes to every studio (each takes what it needs). */
export interface StudioProps {
  api: AtelierApi;
  /** The studio is on screen (its keys are live). */
  active: boolean;
  /** Every installed model, null until listed. */
  models: readonly ModelStatus[] | null;
  modelsState: ModelsState;
  /** Lists the models again after a failed listing. */
  onRetryModels: () => void;
  /** Lists the models again (after an import or a removal), without the loading state. */
  reloadModels: () => Promise<unknown>;
  /** The inference process's execution provider, as app.info / inference.status say. */
  provider: string | null;
  /** A library record of a kind this studio opens, or null. */
  openRequest: OpenRequest | null;
  /** The model on show changed (for the status bar). */
  onModelShown: (model: ModelStatus | null) => void;
  /** Opens a library record in the studio its kind belongs to (and shows that studio). */
  onOpenGeneration: (gen: Generation) => void;
  /**
   * Shows a record in the studio that declares it `shows` its kind (the Latent Explorer's "Send to
   * canvas" → the Texture studio); where none does, it opens as `onOpenGeneration` would.
   */
  onSendGeneration: (gen: Generation) => void;
}

/**
 * How a card shows its record: the record's thumbnail asset fitted to the card ('cover' crops,
 * 'contain' shows it whole, 'contain pixelated' keeps pixels crisp), or, for records without
 * pixels, a text excerpt drawn by the studio.
 */
export type CardThumbnail = 'cover' | 'contain' | 'contain pixelated' | ((gen: Generation) => ReactNode);

/** A Library card's pieces for one kind of record. */
export interface KindCard {
  thumbnail: CardThumbnail;
  /** The meta line beside the seed: its label ("Size", "Length") and text. */
  meta: { label: string; text: (gen: Generation) => string };
  /** The model the card names; the record's model id when left out. */
  modelLabel?: (gen: Generation) => string;
  /** The card's export button's title; no export button when left out (the studio exports). */
  exportTitle?: string;
}

export interface StudioDef {
  /** The view id (the nav's `nav-<id>` test id). */
  id: string;
  /** The nav's label. */
  label: string;
  icon: IconSource;
  /** Groups in the nav: creative studios first, then the collection. */
  group: 'studios' | 'collection';
  /** The studio's name in a sentence: "Open … in the Melody studio". */
  title: string;
  component: ComponentType<StudioProps>;
  /** Mounted on first visit and kept (hidden) after, keeping its state; else mounted while shown. */
  keepMounted: boolean;
  /** The record kinds this studio opens, each with its Library card. */
  cards: Readonly<Record<string, KindCard>>;
  /**
   * Kinds of other studios' records it shows when that studio sends one (never from the Library:
   * a record opens in the studio whose `cards` hold its kind).
   */
  shows?: readonly string[];
}

/** The meta line of a record with pixels: its dimensions. */
export const SIZE_META: KindCard['meta'] = {
  label: 'Size',
  text: (g) => formatDimensions(g.width, g.height),
};

/** The studio that opens records of `kind`, or null when none does. */
export function studioFor(studios: readonly StudioDef[], kind: string): StudioDef | null {
  return studios.find((s) => Object.hasOwn(s.cards, kind)) ?? null;
}

/** The studio a sent record of `kind` shows in: the one that `shows` the kind, else the one that opens it. */
export function viewerFor(studios: readonly StudioDef[], kind: string): StudioDef | null {
  return studios.find((s) => s.shows?.includes(kind)) ?? studioFor(studios, kind);
}

/** A Library card for one record, resolved from the studios and the kinds table. */
export interface CardInfo {
  /** The view Open shows, or null when no studio opens the kind. */
  view: string | null;
  /** The thumbnail's accessible name: "Open <title> in the <studio>". */
  openLabel: string;
  thumbnail: CardThumbnail;
  meta: { label: string; text: string };
  model: string;
  /** The card's export (the kind's asset and file name), or null when the card offers none. */
  export: { role: AssetRole; label: string; title: string; fileName: string } | null;
}

const FALLBACK_CARD: KindCard = { thumbnail: 'cover', meta: SIZE_META };

export function cardFor(
  studios: readonly StudioDef[],
  gen: Generation,
  table: Readonly<Record<string, KindDef>> = kinds,
): CardInfo {
  const studio = studioFor(studios, gen.kind);
  const card = studio?.cards[gen.kind] ?? FALLBACK_CARD;
  const def = table[gen.kind];
  return {
    view: studio?.id ?? null,
    openLabel: studio ? `Open ${gen.title} in the ${studio.title}` : `Open ${gen.title}`,
    thumbnail: card.thumbnail,
    meta: { label: card.meta.label, text: card.meta.text(gen) },
    model: card.modelLabel ? card.modelLabel(gen) : gen.modelId,
    export:
      card.exportTitle !== undefined && def
        ? {
            role: def.exportRole,
            label: `.${def.extension}`,
            title: card.exportTitle,
            fileName: generationFileName(gen, table),
          }
        : null,
  };
}
