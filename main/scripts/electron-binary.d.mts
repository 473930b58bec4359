/** The electron package's folder, or null when it is not installed. */
export function electronPackageDir(): string | null;
/** The Electron binary's path if its download succeeded, else null. */
export function electronBinary(): string | null;
