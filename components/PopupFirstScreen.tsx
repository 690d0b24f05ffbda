import { t } from './i18n';
import { Library } from './Library';
import type { LibrarySnapshot } from '../lib/library-snapshot';

/** The popup's header: its name and how many stories the library holds ("Loading" until known). */
export function PopupHeader({ count }: { count: number | undefined }) {
  return (
    <header class="popup-header">
      <h1 id="library-title">{t('extName')}</h1>
      <span class="row-meta">{count !== undefined ? t('libraryCount', count) : t('loading')}</span>
    </header>
  );
}

const ignore = () => {};

/**
 * The popup's first screen drawn from its snapshot alone, before the popup's module has loaded
 * (entrypoints/popup-first.ts): the same header and list the popup draws from that snapshot, with no handlers.
 * The popup replaces it in the task of its own first render, so no frame shows both.
 */
export function PopupFirstScreen({ snapshot, now }: { snapshot: LibrarySnapshot; now: number }) {
  return (
    <main aria-labelledby="library-title" data-snapshot="shown">
      <PopupHeader count={snapshot.count} />
      <Library items={snapshot.items} sort={snapshot.sort} now={now} onSort={ignore} onOpen={ignore} />
    </main>
  );
}
