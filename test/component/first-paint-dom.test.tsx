import { render } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { useEffect, useMemo, useRef, useState } from '../../components/first-paint/hooks';
import { render as renderOnce } from '../../components/first-paint/dom';
import { PopupFirstScreen } from '../../components/PopupFirstScreen';
import { seedItems, webItems } from '../../lib/library';
import { takeSnapshot } from '../../lib/library-snapshot';
import { catalogEntry, progressRecord, seedRecord, webChapter, webStory } from '../support/records';

/**
 * The popup's first-paint script draws with components/first-paint instead of Preact (modules/first-paint.ts
 * swaps them in its build). The popup's module draws the same screen a frame later and must not move a pixel:
 * the two renderers must build the same DOM from the same snapshot. Here the components' hooks are the first
 * render's (./hooks) while `once` is set, Preact's otherwise.
 */
const mode = vi.hoisted(() => ({ once: false }));
const firstHooks = { useState, useMemo, useRef, useEffect };
vi.mock('preact/hooks', async (real) => {
  const preact = await real<typeof import('preact/hooks')>();
  const pick =
    <K extends keyof typeof firstHooks>(name: K) =>
    (...args: unknown[]) =>
      // biome-ignore lint/suspicious/noExplicitAny: one shape for every hook
      ((mode.once ? firstHooks[name] : preact[name]) as any)(...args);
  return {
    ...preact,
    useState: pick('useState'),
    useMemo: pick('useMemo'),
    useRef: pick('useRef'),
    useEffect: pick('useEffect'),
  };
});

const NOW = Date.UTC(2026, 10, 23, 12);
const HOUR = 3_600_000;

function library() {
  const entries = [
    catalogEntry('glass', 'Glass Hearts', 24_000, { summary: 'A summary.', warnings: ['Major character death'], titleIsAuthors: false }),
    catalogEntry('never', 'Never Alone', 3000),
  ];
  const stories = [
    webStory('9', NOW - HOUR, {
      title: '<b>not markup</b> & "quotes"',
      authors: ['Someone', 'Another'],
      fandoms: ['Madoka'],
      chapterCount: 5,
      chapter: webChapter('ao3', '9', 2, 'Two'),
      rating: 'Teen And Up Audiences',
    }),
    webStory('7', NOW - 30 * HOUR, { site: 'ffn', chapterCount: null }),
  ];
  const progress = new Map([
    ['seed:glass', seedRecord('glass', NOW - 2 * HOUR, 40)],
    ['seed:never', seedRecord('never', NOW - 3 * 24 * HOUR, 100, NOW - 3 * 24 * HOUR)],
    [stories[0]!.key, progressRecord(stories[0]!.key, NOW - HOUR, { percent: 12.5 })],
  ]);
  return [...webItems(stories, progress), ...seedItems(entries, progress)];
}

describe("the popup's first paint", () => {
  it('builds exactly the DOM that Preact builds for the same snapshot, strings as text', () => {
    const snapshot = takeSnapshot(library(), 'title', 42);
    const byPreact = render(<PopupFirstScreen snapshot={snapshot} now={NOW} />).container.innerHTML;

    mode.once = true;
    const root = document.createElement('div');
    try {
      renderOnce(<PopupFirstScreen snapshot={snapshot} now={NOW} />, root);
    } finally {
      mode.once = false;
    }

    expect(root.innerHTML).toBe(byPreact);
    // What the comparison covers: every kind of row, and the sort's value set after its options.
    expect(root.querySelectorAll('.story-row')).toHaveLength(4);
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.row-title')?.textContent).toBe('<b>not markup</b> & "quotes"');
    expect(root.querySelectorAll('.row-progress, .row-warning, .row-badge.finished, .row-chapter').length).toBeGreaterThanOrEqual(4);
    expect((root.querySelector('#library-sort') as HTMLSelectElement).value).toBe('title');
  });

  it('refuses markup given as HTML, and applies no handler, key or ref', () => {
    const root = document.createElement('div');
    expect(() => renderOnce(<p dangerouslySetInnerHTML={{ __html: '<img src=x>' }} />, root)).toThrow(/text only/);
    expect(root.querySelector('img')).toBeNull();
    const clicked = vi.fn();
    const ref = { current: null };
    renderOnce(
      <button type="button" key="k" ref={ref} onClick={clicked} disabled={false} aria-pressed={false} data-x>
        go
      </button>,
      root,
    );
    const button = root.querySelector('button') as HTMLButtonElement;
    button.click();
    expect(clicked).not.toHaveBeenCalled();
    expect(ref.current).toBeNull();
    expect(button.outerHTML).toBe('<button type="button" aria-pressed="false" data-x="true">go</button>');
  });
});
