/**
 * A hub repository as the Models view shows it: the variant picked at first (the one suggested for
 * this machine), why Download cannot go (with the reason), the files a variant brings, the licence
 * and the gated status in words, and the card split from its front matter.
 */
import type { HubDownload, HubModelInfo, HubVariant } from '../../../preload/contract';

/** The variant picked at first: the suggested one that runs, else the first that runs, else the first. */
export function defaultVariant(info: HubModelInfo): string | null {
  const runs = info.variants.filter((v) => !v.unsupported);
  return (runs.find((v) => v.suggested) ?? runs[0] ?? info.variants[0])?.id ?? null;
}

/** The chosen variant while the repository has it, else the default. */
export function variantOf(info: HubModelInfo, chosen: string | null): HubVariant | null {
  const id = chosen !== null && info.variants.some((v) => v.id === chosen) ? chosen : defaultVariant(info);
  return info.variants.find((v) => v.id === id) ?? null;
}

/** A download of this repository and variant still moving or paused. */
export function pendingDownload(
  downloads: readonly HubDownload[],
  repo: string,
  variant: string,
): HubDownload | null {
  return (
    downloads.find(
      (d) =>
        d.repo === repo &&
        d.variant === variant &&
        (d.state === 'queued' ||
          d.state === 'downloading' ||
          d.state === 'paused' ||
          d.state === 'verifying' ||
          d.state === 'installing'),
    ) ?? null
  );
}

/** Why Download cannot go for this variant (null when it can). */
export function downloadBlocker(
  info: HubModelInfo,
  variant: HubVariant | null,
  downloads: readonly HubDownload[],
): string | null {
  if (info.unsupported) return info.unsupported;
  if (!variant) return 'Nothing in this repository runs in Atelier.';
  if (variant.unsupported) return `The ${variant.id} variant cannot run here: ${variant.unsupported}`;
  const pending = pendingDownload(downloads, info.repo, variant.id);
  if (pending) {
    return pending.state === 'paused'
      ? 'This variant is paused in Downloads: resume it there.'
      : 'This variant is already downloading.';
  }
  return null;
}

/** The licence as the card names it, or a plain "not stated". */
export const licenseText = (license: string | null): string => (license ? license : 'not stated');

/** What gating means for a download, for people; null when the repository is open. */
export function gatedSentence(gated: HubModelInfo['gated'], tokenPresent: boolean): string | null {
  if (gated === 'no') return null;
  const how =
    gated === 'auto'
      ? 'Accept its conditions on the model’s page on Hugging Face (granted at once)'
      : 'Request access on the model’s page on Hugging Face (its authors review each request)';
  return tokenPresent
    ? `Gated model. ${how}; your access token is then used for the download.`
    : `Gated model. ${how}, then set an access token under “Hugging Face token”.`;
}

/** The files each belong to the variant? A set of the variant's paths (empty without one). */
export const variantFiles = (variant: HubVariant | null): ReadonlySet<string> => new Set(variant?.files ?? []);

/** The card split for display: its YAML front matter (shown apart, folded) and the Markdown body. */
export function splitFrontMatter(markdown: string): { yaml: string | null; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  if (!m) return { yaml: null, body: markdown };
  return { yaml: m[1]!, body: markdown.slice(m[0].length) };
}

/** A card link's target when it may open (an absolute http(s) URL), else null: it shows as text. */
export function safeHref(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
