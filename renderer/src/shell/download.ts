/** Saves a Blob as a browser download named `fileName` (hosts without a save dialog). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the URL; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
