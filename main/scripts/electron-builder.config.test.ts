/**
 * The packaging configuration (`npm run dist`). electron-builder cannot run here (it downloads
 * Electron and its packaging tools when it runs), so this checks the configuration as
 * electron-builder itself loads and validates it, then resolves its file patterns with
 * electron-builder's own matcher against this checkout: what the app, its node_modules and its
 * resources would hold.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Configuration, FileSet, PlatformSpecificBuildOptions } from 'electron-builder';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import config, { bundledModels, RENDERER_ONLY_DEPENDENCIES, root } from './electron-builder.config';

const CONFIG_PATH = 'main/scripts/electron-builder.config.ts';
const posix = (p: string): string => p.split(sep).join('/');
const asArray = <T>(v: T | T[] | null | undefined): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** electron-builder's macros for one target. */
const macros =
  (arch: string) =>
  (pattern: string): string =>
    pattern.replace(/\$\{arch\}/g, arch);

/** The files under `from` that a matcher lets through, walked the way electron-builder copies (a refused folder is not entered). */
function resolveMatcher(matcher: FileMatcher): string[] {
  const filter = matcher.createFilter() as (file: string, stat: Stats) => boolean;
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else out.push(posix(relative(root, path)));
    }
  };
  walk(matcher.from);
  return out;
}

type Os = 'linux' | 'mac' | 'win';
const platformOptions = (os: Os): PlatformSpecificBuildOptions =>
  (config[os] ?? {}) as PlatformSpecificBuildOptions;
/** An OS's `files` (the whole list: none is given at the top level, see the config). */
const stringPatterns = (os: Os): string[] =>
  asArray(platformOptions(os).files).filter((p): p is string => typeof p === 'string');

/** The app's own files (node_modules are collected apart), as getMainFileMatchers sets them up. */
function appFiles(os: Os, arch = 'x64'): string[] {
  const patterns = ['!**/node_modules/**', '!dist{,/**/*}', ...stringPatterns(os)];
  return resolveMatcher(new FileMatcher(root, '/app', macros(arch), patterns));
}

/** node_modules files for a target: `**\/*` then every exclusion of `files` (getNodeModuleFileMatcher). */
function nodeModuleFiles(os: Os, arch: string, under: string): string[] {
  const patterns = ['**/*', ...stringPatterns(os).filter((p) => p.startsWith('!'))];
  const matcher = new FileMatcher(root, '/app', macros(arch), patterns);
  const filter = matcher.createFilter() as (file: string, stat: Stats) => boolean;
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else out.push(posix(relative(root, path)));
    }
  };
  walk(join(root, under));
  return out;
}

const extraResources = (os: Os): FileSet[] =>
  [...asArray(config.extraResources), ...asArray(platformOptions(os).extraResources)].filter(
    (r): r is FileSet => typeof r === 'object' && r !== null,
  );

describe('electron-builder configuration (npm run dist)', () => {
  it('loads through electron-builder (jiti) and passes its schema', async () => {
    const loaded = await getConfig(root, CONFIG_PATH, null);
    await validateConfiguration(loaded, { isEnabled: false, add: () => undefined } as never);
    expect(loaded.appId).toBe(config.appId);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts.dist).toBe(`npm run build && electron-builder --config ${CONFIG_PATH}`);
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\^26\./);
  });

  it('gives each OS its whole files list and none at the top level', () => {
    // A top-level list beside an OS's list would make the OS's exclusions-only list the main one.
    expect(config.files).toBeUndefined();
    for (const os of ['linux', 'mac', 'win'] as const) {
      expect(stringPatterns(os), os).toEqual(expect.arrayContaining(['out/main/**/*', 'package.json']));
    }
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    const targets = (os: Os) => asArray(platformOptions(os).target as string | string[]);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('win')).toEqual(['nsis']);
    expect(config.productName).toBe('Atelier'); // userData stays ~/.config/Atelier: one library with the CLI
  });

  it('flips the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs an asar with the native code unpacked, and never rebuilds the checkout in place', () => {
    expect(config.asar).toBe(true);
    const unpack = new FileMatcher(root, '/app', macros('x64'), asArray(config.asarUnpack as string[]));
    const filter = unpack.createFilter() as (file: string, stat: Stats) => boolean;
    const ortBin = nodeModuleFiles('linux', 'x64', 'node_modules/onnxruntime-node/bin');
    expect(ortBin.some((f) => f.endsWith('onnxruntime_binding.node'))).toBe(true);
    expect(ortBin.some((f) => /libonnxruntime\.so/.test(f))).toBe(true);
    for (const f of ortBin) expect(filter(join(root, f), statSync(join(root, f))), f).toBe(true);
    // a .node anywhere is unpacked
    const anyNode = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(filter(anyNode, { isDirectory: () => false } as Stats)).toBe(true);
    // electron-builder's rebuild works in place: it would turn the checkout's Node build into an Electron one
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('ships each OS only its own onnxruntime binaries and leaves out renderer-only and SQLite build folders', () => {
    const ortLinux = nodeModuleFiles('linux', 'x64', 'node_modules/onnxruntime-node');
    expect(ortLinux.some((f) => f.startsWith('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/'))).toBe(
      true,
    );
    expect(ortLinux.some((f) => /\/bin\/napi-v\d+\/(darwin|win32)\//.test(f))).toBe(false);
    expect(ortLinux.some((f) => /\/bin\/napi-v\d+\/linux\/arm64\//.test(f))).toBe(false);
    expect(ortLinux).toContain('node_modules/onnxruntime-node/package.json');
    const ortWin = nodeModuleFiles('win', 'x64', 'node_modules/onnxruntime-node/bin');
    expect(ortWin.length).toBeGreaterThan(0);
    expect(ortWin.every((f) => f.includes('/win32/x64/'))).toBe(true);

    const sqlite = nodeModuleFiles('linux', 'x64', 'node_modules/better-sqlite3');
    expect(sqlite).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(sqlite.some((f) => /\/(build|deps|src)\//.test(f))).toBe(false);
    for (const dep of RENDERER_ONLY_DEPENDENCIES) {
      expect(nodeModuleFiles('linux', 'x64', `node_modules/${dep}`), dep).toEqual([]);
    }
  });

  it('leaves out only dependencies that the main side never imports', () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'bench' && name !== 'testing') walk(path);
        } else if (/\.(ts|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) sources.push(path);
      }
    };
    walk(join(root, 'main'));
    walk(join(root, 'preload'));
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const dep of RENDERER_ONLY_DEPENDENCIES) {
        expect(text, `${posix(relative(root, file))} imports ${dep}`).not.toMatch(
          new RegExp(`(from |require\\(|import\\()['"]${dep}(/[^'"]*)?['"]`),
        );
      }
    }
  });

  it('packs the built app and package.json, never sources, tests, e2e or models', () => {
    const files = appFiles('linux');
    expect(files).toContain('package.json');
    expect(files).toContain('resources/icon.png');
    const allowed = /^(package\.json|resources\/icon\.png|out\/(main|preload|renderer)\/.+)$/;
    for (const f of files) expect(f, f).toMatch(allowed);
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f) || f.includes('.test.'))).toEqual([]);
    expect(files.filter((f) => /^(e2e|main|preload|renderer|models)\//.test(f))).toEqual([]);
    // After `npm run build` (dist runs it first), the entries are there and tsc's output is not.
    const built = (() => {
      try {
        return statSync(join(root, 'out', 'main', 'index.js')).isFile();
      } catch {
        return false;
      }
    })();
    if (built) {
      expect(files).toEqual(
        expect.arrayContaining([
          'out/main/index.js',
          'out/main/inference.js',
          'out/preload/index.cjs',
          'out/renderer/index.html',
        ]),
      );
      expect(files.some((f) => f.startsWith('out/.tsc'))).toBe(false);
    }
  });

  it('ships every bundled model folder as resources/models/<id>, with its ONNX files, and nothing of models/training', () => {
    const models = bundledModels();
    const ids = readdirSync(join(root, 'models'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'training')
      .map((d) => d.name)
      .sort();
    expect(models.map((m) => m.id)).toEqual(ids);
    const sets = extraResources('linux').filter((r) => r.from?.startsWith('models'));
    expect(sets.map((s) => s.from).sort()).toEqual(ids.map((id) => `models/${id}`));
    const shipped: string[] = [];
    for (const set of sets) {
      const from = join(root, set.from!);
      expect(set.to).toBe(set.from);
      const files = resolveMatcher(new FileMatcher(from, set.to!, macros('x64'), set.filter as string[]));
      const onnx = readdirSync(from).filter((n) => n.endsWith('.onnx'));
      expect(onnx.length, set.from).toBeGreaterThan(0);
      const names = files.map((f) => f.slice(set.from!.length + 1));
      expect(names, set.from).toEqual(expect.arrayContaining(['model.json', 'CARD.md', ...onnx]));
      const manifest = JSON.parse(readFileSync(join(from, 'model.json'), 'utf8')) as {
        files: { path: string }[];
      };
      expect(names, set.from).toEqual(expect.arrayContaining(manifest.files.map((f) => f.path)));
      shipped.push(...files);
    }
    expect(shipped.filter((f) => f.startsWith('models/training/'))).toEqual([]);
    expect(shipped.filter((f) => /\/(examples|heldout)\//.test(f))).toEqual([]);
  });

  it('ships better-sqlite3 built for Electron (made before packing) as resources/native', () => {
    for (const [os, platform] of [
      ['linux', 'linux'],
      ['mac', 'darwin'],
      ['win', 'win32'],
    ] as const) {
      const native = extraResources(os).filter((r) => r.to === 'native');
      expect(native, os).toHaveLength(1);
      expect(macros('arm64')(native[0]!.from!)).toBe(`node_modules/.atelier/electron/${platform}-arm64`);
      expect(native[0]!.filter).toEqual(['better_sqlite3.node']);
    }
    expect(typeof config.beforePack).toBe('function');
  });
});

export type { Configuration };
