import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import {
  isChapterNumbers,
  isReaderState,
  isSaveReply,
  parseTabMessage,
  type ReaderState,
  type Reply,
  type SaveReply,
} from '../../lib/messages';
import { parseMessage } from '../../lib/message-requests';
import { askTab, backgroundApi, send } from '../../platform/messages';
import { ao3Work, paragraphAt, progressRecord } from '../support/records';

const NOW = Date.UTC(2026, 11, 1);
const story = ao3Work(NOW - 1000);
const progress = progressRecord(story.key, NOW - 1000, { position: paragraphAt(3, { part: 1, offset: 0.5 }), percent: 30 });

describe('messages from content scripts are checked before use', () => {
  it('accepts a well-formed progress report and position query', () => {
    expect(parseMessage({ type: 'web-progress', story, progress }, NOW)).toEqual({ type: 'web-progress', story, progress });
    expect(parseMessage({ type: 'web-position', key: 'web:ffn:123' }, NOW)).toEqual({ type: 'web-position', key: 'web:ffn:123' });
  });
  it('a position dated in the future is taken as now', () => {
    const got = parseMessage({ type: 'web-progress', story, progress: { ...progress, updatedAt: NOW + 30 * 86_400_000 } }, NOW);
    expect(got).toMatchObject({ progress: { updatedAt: NOW } });
  });
  it.each([
    ['a key for another story', { type: 'web-progress', story, progress: { ...progress, key: 'web:ao3:1' } }],
    [
      'a javascript: chapter URL',
      { type: 'web-progress', story: { ...story, chapter: { ...story.chapter, url: 'javascript:alert(1)' } }, progress },
    ],
    ['a negative paragraph', { type: 'web-progress', story, progress: { ...progress, position: { ...progress.position, paragraph: -1 } } }],
    ['a seed key from a page', { type: 'web-position', key: 'seed:never-alone' }],
    ['a saved-chapters query for a seed', { type: 'saved-chapters', key: 'seed:never-alone' }],
    [
      'a position in the shape of releases 1-3',
      { type: 'web-progress', story, progress: { ...progress, position: { section: 1, paragraph: 3, n: 3, offset: 0.5 } } },
    ],
  ])('refuses %s, as a known message the sender hears was refused', (_, message) => {
    expect(parseMessage(message, NOW)).toEqual({ type: message.type, refused: true });
  });
  it.each([
    ['an unknown type', { type: 'drop-database' }],
    ['a name from the prototype', { type: 'toString' }],
    ['not an object', 'web-progress'],
    ['null', null],
  ])('ignores %s', (_, message) => {
    expect(parseMessage(message, NOW)).toBeNull();
  });
  it('tab messages are checked too', () => {
    expect(parseTabMessage({ type: 'toggle-reader' })).toEqual({ type: 'toggle-reader' });
    expect(parseTabMessage({ type: 'web-progress' })).toBeNull();
    expect(isReaderState({ available: true, showing: false })).toBe(true);
    expect(isReaderState({ available: 'yes' })).toBe(false);
    expect(isSaveReply({ ok: false, reason: 'quota' })).toBe(true);
    expect(isSaveReply({ ok: false, reason: 'bored' })).toBe(false);
  });
  it('the saved chapter numbers a reply may carry: ascending positive integers, nothing else', () => {
    expect(isChapterNumbers([])).toBe(true);
    expect(isChapterNumbers([1, 2, 5])).toBe(true);
    for (const bad of [[2, 1], [1, 1], [0], [1.5], ['1'], null, { 0: 1 }]) expect(isChapterNumbers(bad)).toBe(false);
  });
});

describe('typed sending', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('the request shape and the reply type follow from the message type', () => {
    expectTypeOf(send<'web-progress'>)
      .parameter(1)
      .toEqualTypeOf<{ story: WebStoryRecord; progress: ProgressRecord }>();
    expectTypeOf(send<'web-progress'>).returns.resolves.toEqualTypeOf<SaveReply>();
    expectTypeOf(send<'web-position'>).returns.resolves.toEqualTypeOf<ProgressRecord | null>();
    expectTypeOf<Reply<'load-readability'>>().toEqualTypeOf<boolean>();
    expectTypeOf(askTab<'reader-state'>).returns.resolves.toEqualTypeOf<ReaderState | undefined>();
    // Compile-time only: each line below is a type error, which tsc checks (`npx tsc --noEmit -p .`).
    const wrong = () => {
      // @ts-expect-error a position query carries a key, not a story
      void send('web-position', { story });
      // @ts-expect-error there is no such message
      void send('drop-database', {});
      // @ts-expect-error the reply to web-progress is a SaveReply, not a record
      const r: Promise<ProgressRecord> = send('web-progress', { story, progress });
      return r;
    };
    expect(typeof wrong).toBe('function');
  });

  it('a reply of the wrong shape is taken as the protocol refusal', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(true as never); // `true`, as the old background answered: not a SaveReply
    expect(await backgroundApi.saveWebProgress(story, progress)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a background that cannot be reached is `unavailable` to the saver', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(await backgroundApi.saveWebProgress(story, progress)).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('askTab validates the reader state it gets back', async () => {
    const tabSend = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ available: true } as never);
    expect(await askTab(1, { type: 'reader-state' })).toBeUndefined();
    tabSend.mockResolvedValue({ available: true, showing: true } as never);
    expect(await askTab(1, { type: 'reader-state' })).toEqual({ available: true, showing: true });
  });
});
