import { evaluate, type AnyPage } from './harness';

/** The backup controls' status line, as an expression. */
export const statusText = `(document.querySelector('.backup [role=status]')?.textContent ?? '')`;

/**
 * Catches the file the Export button hands to the browser: resolves to its text. `started()` says whether
 * any download began (an export that fails must not offer a file).
 */
export async function catchDownload(page: AnyPage): Promise<(() => Promise<string>) & { started(): Promise<boolean> }> {
  await evaluate(
    page,
    `(() => {
    window.__downloads = 0;
    window.__saved = new Promise((resolve) => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (!this.download) return click.call(this);
        window.__downloads++;
        fetch(this.href).then((r) => r.text()).then(resolve);
      };
    });
  })()`,
  );
  return Object.assign(() => evaluate<string>(page, `window.__saved`), {
    started: async () => (await evaluate<number>(page, `window.__downloads`)) > 0,
  });
}

/** Chooses a file with this text in the Import control, as a person picking it would. */
export function importFile(page: AnyPage, text: string): Promise<unknown> {
  return evaluate(
    page,
    `(() => {
    const input = document.querySelector('.backup input[type=file]');
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(text)}], 'backup.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`,
  );
}
