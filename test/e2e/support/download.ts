import { type AnyPage, evaluate } from './harness';

/**
 * Catches the next file the page hands the browser the way platform/download.ts does (a Blob URL on an
 * `<a download>`, clicked), before the browser saves it: call before the click, then `caughtDownload`.
 */
export function catchDownload(page: AnyPage): Promise<unknown> {
  return evaluate(
    page,
    `(() => {
      window.__download = new Promise((resolve) => {
        HTMLAnchorElement.prototype.click = function () {
          const name = this.download;
          fetch(this.href).then((r) => r.arrayBuffer()).then((b) => {
            const bytes = new Uint8Array(b);
            let s = '';
            for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
            resolve({ name, base64: btoa(s) });
          });
        };
      });
    })()`,
  );
}

/** The file caught by `catchDownload`: its name and its bytes. */
export async function caughtDownload(page: AnyPage): Promise<{ name: string; bytes: Uint8Array }> {
  const got = await evaluate<{ name: string; base64: string }>(page, `window.__download`);
  return { name: got.name, bytes: new Uint8Array(Buffer.from(got.base64, 'base64')) };
}
