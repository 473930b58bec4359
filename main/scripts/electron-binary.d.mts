import type { ElectronRuntime } from './sqlite-binding.mjs';

/** The electron package's folder, or null when it is not installed. */
export function electronPackageDir(): string | null;
/** The Electron binary's path if its download succeeded, else null. */
export function electronBinary(): string | null;
/** The installed electron package's version and NODE_MODULE_VERSION, or null. */
export function installedElectron(): ElectronRuntime | null;
