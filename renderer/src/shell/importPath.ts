/** The folder path of a model import, checked the way main checks it (absolute), or the problem. */
export type ImportPathCheck = { ok: true; path: string } | { ok: false; message: string };

export function checkFolderPath(raw: string, emptyMessage: string): ImportPathCheck {
  const path = raw.trim();
  if (path === '') return { ok: false, message: emptyMessage };
  if (!(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)))
    return { ok: false, message: 'The folder must be an absolute path (starting with / or a drive letter).' };
  return { ok: true, path };
}
