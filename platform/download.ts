/**
 * Hands a file to the browser as a download: a Blob URL on an `<a download>` clicked (no `downloads`
 * permission). The URL is revoked once the browser has surely read it.
 */
export function saveBlob(doc: Document, blob: Blob, name: string): void {
  const a = doc.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
