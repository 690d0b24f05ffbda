import { useState } from 'preact/hooks';
import type { ReadAloudState } from '../lib/speech/read-aloud';
import type { Voices } from './hooks/useReadAloud';
import { t } from './i18n';
import { trusted } from './trusted';

export interface ReadAloudControlProps {
  state: ReadAloudState;
  voices: Voices;
  onToggle: () => void;
}

/**
 * Play / pause for reading aloud, in the reader bar. With no voice installed it still answers: it says how to
 * get one instead of doing nothing.
 */
export function ReadAloudControl({ state, voices, onToggle }: ReadAloudControlProps) {
  const [asked, setAsked] = useState(false);
  const playing = state === 'playing';
  const label = playing ? t('readAloudPause') : state === 'paused' ? t('readAloudResume') : t('readAloudPlay');
  return (
    <>
      <button
        type="button"
        class="bar-button read-aloud"
        aria-pressed={playing}
        aria-keyshortcuts="s"
        onClick={trusted(() => {
          setAsked(true);
          onToggle();
        })}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        <span class="read-aloud-label">{label}</span>
      </button>
      {asked && voices === 'none' && (
        <p class="notice read-aloud-none" role="alert">
          {t('readAloudNoVoices')}
        </p>
      )}
    </>
  );
}
