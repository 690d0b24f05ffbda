import type { ComponentChildren } from 'preact';
import { t } from './i18n';
import { isTrustedInput, trusted } from './trusted';

/** Somewhere to go from the end: the next chapter on the site, or the next story in the library. */
export interface EndLink {
  label: string;
  /** A page of the site (the next chapter): a plain link, so history works as usual. */
  href?: string;
  onOpen?: () => void;
}

/** One of the site's own ways to answer the author (kudos, a comment, a review), reached on the reader's click. */
export interface EndAction {
  label: string;
  onAct: () => void;
}

export interface StoryEndProps {
  /** The end of the whole story (the last chapter of a complete one), or only of this chapter. */
  finished: boolean;
  next?: EndLink | null;
  onLibrary?: () => void;
  actions?: readonly EndAction[];
  /** More to offer under the way onward (the side panel's "Download EPUB"). */
  extra?: ComponentChildren;
}

/**
 * What the reader meets after the last paragraph: a mark that this is the end (of the story or of the
 * chapter), where to go next, and the site's own feedback actions. Nothing here acts without the reader's
 * own click.
 */
export function StoryEnd({ finished, next, onLibrary, actions = [], extra }: StoryEndProps) {
  return (
    <section class="story-end" aria-label={finished ? t('endOfStory') : t('endOfChapter')}>
      <p class="end-mark">
        <span aria-hidden="true">❦</span> {finished ? t('endOfStory') : t('endOfChapter')}
      </p>
      {actions.length > 0 && (
        <div class="end-actions">
          {actions.map((a) => (
            <button type="button" class="bar-button" key={a.label} onClick={trusted(() => a.onAct())}>
              {a.label}
            </button>
          ))}
        </div>
      )}
      <div class="end-actions">
        {onLibrary && (
          <button type="button" class="bar-button" onClick={trusted(() => onLibrary())}>
            <span aria-hidden="true">←</span> {t('backToLibrary')}
          </button>
        )}
        {next?.href ? (
          <a class="bar-button end-next" href={next.href} rel="next" onClick={(e) => isTrustedInput(e) || e.preventDefault()}>
            {next.label} <span aria-hidden="true">→</span>
          </a>
        ) : next?.onOpen ? (
          <button type="button" class="bar-button end-next" onClick={trusted(() => next.onOpen?.())}>
            {next.label} <span aria-hidden="true">→</span>
          </button>
        ) : null}
      </div>
      {extra}
    </section>
  );
}
