/** electron-vite's `?modulePath` import: the built file of a module, as a path (./recolorer.ts). */
declare module '*?modulePath' {
  const path: string;
  export default path;
}
