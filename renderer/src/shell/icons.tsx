/** Small inline icons (stroke = currentColor), so the CSP needs no image or font sources. */
import type { ReactElement } from 'react';

const paths = {
  textures: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  library: 'M4 6h16M4 12h16M4 18h10M17 16l3 2-3 2',
  dice: 'M5 4h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM8.5 8.5h.01M15.5 8.5h.01M12 12h.01M8.5 15.5h.01M15.5 15.5h.01',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  close: 'M6 6l12 12M18 6L6 18',
  play: 'M8 5l11 7-11 7z',
  stop: 'M7 7h10v10H7z',
  warning: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  open: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  latent: 'M4 4h16v16H4zM4 12h16M12 4v16M16 8h.01M15.2 8a.8.8 0 1 0 1.6 0a.8.8 0 1 0-1.6 0',
  bookmark: 'M7 4h10v16l-5-4-5 4z',
  reset: 'M4 12a8 8 0 1 0 2.4-5.7M4 4v4h4',
  send: 'M4 12h12M12 6l6 6-6 6M20 5v14',
  pen: 'M4 20l4-1 11-11a2.1 2.1 0 0 0-3-3L5 16zM14 7l3 3M4 20h16',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9h.01',
  melody: 'M9 18V5l11-2v13M9 18a3 3 0 1 1-6 0a3 3 0 1 1 6 0M20 16a3 3 0 1 1-6 0a3 3 0 1 1 6 0M9 9l11-2',
} as const;

export type IconName = keyof typeof paths;
/** A shared icon by name, or a studio's own 24×24 stroke path (so a new studio brings its icon in its own folder). */
export type IconSource = IconName | { path: string };

export function Icon({ name, size = 16 }: { name: IconSource; size?: number }): ReactElement {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={typeof name === 'string' ? paths[name] : name.path} />
    </svg>
  );
}
