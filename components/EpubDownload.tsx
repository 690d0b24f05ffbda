import { useState } from 'preact/hooks';
import { epubFileName } from '../lib/epub/name';
import { t } from './i18n';
import { trusted } from './trusted';

export interface EpubDownloadProps {
  /** The story's title: the file is named after it. */
  title: string;
  /** Makes the book's file; `storyOnly` leaves the notes out. */
  build: (storyOnly: boolean) => Promise<Blob>;
  /** Hands the file to the browser (a download); the name is safe as a file name. */
  onDownload: (blob: Blob, name: string) => void;
}

/** "Download EPUB", with the choice to leave the notes out; says so when the book could not be made. */
export function EpubDownload({ title, build, onDownload }: EpubDownloadProps) {
  const [storyOnly, setStoryOnly] = useState(false);
  const [state, setState] = useState<'idle' | 'making' | 'failed'>('idle');
  const download = () => {
    setState('making');
    build(storyOnly).then(
      (blob) => {
        setState('idle');
        onDownload(blob, epubFileName(title));
      },
      () => setState('failed'),
    );
  };
  return (
    <div class="end-actions epub-download">
      <button type="button" class="bar-button" disabled={state === 'making'} onClick={trusted(download)}>
        {t('epubDownload')}
      </button>
      <label class="setting check">
        <input type="checkbox" checked={storyOnly} onChange={trusted((e) => setStoryOnly((e.currentTarget as HTMLInputElement).checked))} />
        <span>{t('epubStoryOnly')}</span>
      </label>
      {state !== 'idle' && (
        <p class="row-meta" role={state === 'failed' ? 'alert' : 'status'}>
          {t(state === 'failed' ? 'epubFailed' : 'epubMaking')}
        </p>
      )}
    </div>
  );
}
