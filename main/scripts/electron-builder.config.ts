/**
 * `npm run dist`: electron-builder's configuration (electron-vite builds out/ first).
 * Targets: AppImage and deb (Linux), dmg (macOS), nsis (Windows); output in dist/.
 *
 * - The app is out/main, out/preload, out/renderer, the window icon and package.json, in an asar;
 *   production dependencies come with it (renderer-only ones are left out: vite bundled them).
 * - Native code: onnxruntime-node is Node-API (one binary for Node and Electron) and is unpacked
 *   from the asar with its shared libraries, for the target OS and arch only. better-sqlite3 is
 *   not Node-API: the package ships its build for Electron as `<resources>/native/better_sqlite3.node`
 *   (made before packing by electron-sqlite.mjs for the target OS and arch, and loaded through
 *   better-sqlite3's `nativeBinding`), never the checkout's Node build. electron-builder's own
 *   rebuild (`npmRebuild`) stays off: it rebuilds node_modules in place, which would turn the
 *   checkout's Node build into an Electron one and break the CLI, the browser host and the tests.
 * - The bundled models go to `<resources>/models/<id>/` (extraResources): each model's
 *   model.json, CARD.md and the files its manifest lists; never models/training/.
 * - Electron fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, cookies encrypted,
 *   the app loaded only from its asar and the asar's integrity checked.
 *
 * Loaded by electron-builder through jiti (`--config main/scripts/electron-builder.config.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AfterPackContext, Configuration, FileSet } from 'electron-builder';
import { installedElectron } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-sqlite.mjs';
import { BINDING_FILE, PACKAGED_BINDING_DIR } from './sqlite-binding.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled models and the files each needs at run time (model.json, CARD.md, its manifest's files). */
export function bundledModels(repo: string = root): { id: string; files: string[] }[] {
  const dir = join(repo, 'models');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'training' && !d.name.startsWith('.'))
    .filter((d) => existsSync(join(dir, d.name, 'model.json')))
    .map((d) => {
      let manifest: { files: { path: string }[] };
      try {
        manifest = JSON.parse(readFileSync(join(dir, d.name, 'model.json'), 'utf8')) as typeof manifest;
      } catch (e) {
        throw new Error(`models/${d.name}/model.json cannot be read: ${(e as Error).message}`, { cause: e });
      }
      const files = new Set(['model.json', 'CARD.md', ...manifest.files.map((f) => f.path)]);
      return { id: d.name, files: [...files] };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Dependencies only the renderer uses: vite bundles them into out/renderer. */
export const RENDERER_ONLY_DEPENDENCIES = ['react', 'react-dom', 'konva', 'react-konva', 'tone'];

/** electron-builder's target OS names (its `${os}`) → Node's. */
const NODE_PLATFORM = { linux: 'linux', mac: 'darwin', win: 'win32' } as const;
type Os = keyof typeof NODE_PLATFORM;

/** The app's files: the build, the window icon, package.json; production node_modules come too. */
const APP_FILES = [
  'out/main/**/*',
  'out/preload/**/*',
  'out/renderer/**/*',
  'resources/icon.png',
  'package.json',
  '!**/*.{map,ts,tsx}',
  ...RENDERER_ONLY_DEPENDENCIES.map((d) => `!**/node_modules/${d}/**`),
  // better-sqlite3's sources and its Node build: the package loads resources/native instead.
  '!**/node_modules/better-sqlite3/{build,deps,src}/**',
  '!**/node_modules/better-sqlite3/binding.gyp',
];

/**
 * Per target OS: the app's files less the other OSes' and arches' onnxruntime binaries, and the
 * Electron SQLite build. The whole `files` list is per OS, none at the top level: electron-builder
 * turns a top-level list into a file set of its own, and an OS's list beside it then becomes the
 * main list, exclusions only, which packs the whole checkout.
 */
function perOs(os: Os): { files: string[]; extraResources: FileSet[] } {
  const platform = NODE_PLATFORM[os];
  const others = Object.values(NODE_PLATFORM).filter((p) => p !== platform);
  return {
    files: [
      ...APP_FILES,
      `!**/node_modules/onnxruntime-node/bin/napi-v*/{${others.join(',')}}/**`,
      '!**/node_modules/onnxruntime-node/bin/napi-v*/*/!(${arch})/**',
    ],
    extraResources: [
      {
        from: `node_modules/.atelier/electron/${platform}-\${arch}`,
        to: PACKAGED_BINDING_DIR,
        filter: [BINDING_FILE],
      },
    ],
  };
}

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * Before each target is packed: better-sqlite3's build for Electron on that OS and arch (the
 * context is electron-builder's PackContext, which it exports as AfterPackContext).
 */
export async function beforePack(
  context: Pick<AfterPackContext, 'electronPlatformName' | 'arch'>,
): Promise<void> {
  const electron = installedElectron();
  if (!electron) throw new Error('atelier: the electron package is not installed (npm install first).');
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const result = ensureElectronSqlite({ electron, platform, arch });
  if (!result.ok) {
    throw new Error(
      `atelier: better-sqlite3 for Electron ${electron.version} on ${platform}-${arch} could not be made (${result.why}).`,
    );
  }
  console.log(
    `atelier: better-sqlite3 for Electron ${electron.version} on ${platform}-${arch}: ${result.via}.`,
  );
}

const config: Configuration = {
  appId: 'app.atelier.studio',
  productName: 'Atelier',
  copyright: 'Atelier contributors, GPL-3.0-or-later',
  directories: { output: 'dist' },
  asar: true,
  asarUnpack: ['**/*.node', '**/node_modules/onnxruntime-node/bin/**'],
  extraResources: bundledModels().map((m) => ({
    from: `models/${m.id}`,
    to: `models/${m.id}`,
    filter: m.files,
  })),
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  beforePack,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer comes from atelier://app (main/electron/protocol.ts), never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Graphics',
    icon: 'resources/icon.png',
    maintainer: 'Atelier contributors',
    synopsis: 'A local generative studio',
    ...perOs('linux'),
  },
  deb: { packageCategory: 'graphics' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.graphics-design',
    icon: 'resources/icon.png',
    ...perOs('mac'),
  },
  win: {
    target: ['nsis'],
    icon: 'resources/icon.png',
    ...perOs('win'),
  },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
};

export default config;
