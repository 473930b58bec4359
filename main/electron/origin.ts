/** The renderer's own origin in the Electron window (served by protocol.ts). No Electron import. */
export const APP_SCHEME = 'atelier';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_URL = `${APP_ORIGIN}/index.html`;
