import { render, screen, waitFor } from '@testing-library/preact';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { EpubDownload } from '../../components/EpubDownload';
import { seedEpub } from '../../components/epub';
import { EPUB_MIME } from '../../lib/epub';
import { splitStory } from '../../lib/story/outline';
import { catalogEntry } from '../support/records';
import { GLASS, parsedSeed } from '../support/seeds';
import { trustedClick } from './trusted-input';

const { outline, chunks } = splitStory(parsedSeed(GLASS));
const entry = catalogEntry('glass-hearts', 'Glass Hearts: a/b\\c', outline.words);

/** The files of an EPUB handed out as a Blob (jsdom's Blob has no arrayBuffer(): its FileReader reads it). */
const filesOf = (blob: Blob) =>
  new Promise<ReturnType<typeof unzipSync>>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(unzipSync(new Uint8Array(reader.result as ArrayBuffer)));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

function renderButton() {
  const build = vi.fn((storyOnly: boolean) => Promise.resolve(seedEpub(entry, outline, chunks, storyOnly)));
  const onDownload = vi.fn<(blob: Blob, name: string) => void>();
  render(<EpubDownload title={entry.title} build={build} onDownload={onDownload} />);
  return { build, onDownload };
}

describe('EpubDownload', () => {
  it('a click hands the story as an EPUB Blob, named after its title, to the download callback', async () => {
    const { build, onDownload } = renderButton();
    trustedClick(screen.getByRole('button', { name: 'Download EPUB' }));
    await waitFor(() => expect(onDownload).toHaveBeenCalledTimes(1));
    expect(build).toHaveBeenCalledWith(false);
    const [blob, name] = onDownload.mock.calls[0] as [Blob, string];
    expect(name).toBe('Glass Hearts a b c.epub');
    expect(blob.type).toBe(EPUB_MIME);
    const files = await filesOf(blob);
    expect(strFromU8(files.mimetype as Uint8Array)).toBe(EPUB_MIME);
    expect(Object.keys(files)).toContain('OEBPS/chapter-5.xhtml');
    expect(strFromU8(files['OEBPS/title.xhtml'] as Uint8Array)).toContain('Before the story');
  });

  it('"Story only" makes the book without the notes', async () => {
    const { build, onDownload } = renderButton();
    trustedClick(screen.getByRole('checkbox', { name: 'Story only (no notes)' }));
    trustedClick(screen.getByRole('button', { name: 'Download EPUB' }));
    await waitFor(() => expect(onDownload).toHaveBeenCalledTimes(1));
    expect(build).toHaveBeenCalledWith(true);
    const files = await filesOf((onDownload.mock.calls[0] as [Blob, string])[0]);
    expect(strFromU8(files['OEBPS/title.xhtml'] as Uint8Array)).not.toContain('Before the story');
  });

  it('says so when the book cannot be made, and downloads nothing', async () => {
    const onDownload = vi.fn();
    render(<EpubDownload title="T" build={() => Promise.reject(new Error('chunk 3'))} onDownload={onDownload} />);
    trustedClick(screen.getByRole('button', { name: 'Download EPUB' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The EPUB could not be made');
    expect(onDownload).not.toHaveBeenCalled();
  });

  it('a click a script made does nothing', () => {
    const { build } = renderButton();
    screen.getByRole('button', { name: 'Download EPUB' }).click();
    expect(build).not.toHaveBeenCalled();
  });
});
