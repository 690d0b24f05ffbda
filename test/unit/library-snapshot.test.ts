import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../support/memory-storage';
import { seedItems, webItems, type LibraryItem } from '../../lib/library';
import {
  libraryOnScreen,
  parseSnapshot,
  readSnapshot,
  serializeSnapshot,
  SNAPSHOT_KEY,
  SNAPSHOT_ROWS,
  takeSnapshot,
  writeSnapshot,
  type SnapshotStorage,
} from '../../lib/library-snapshot';
import { catalogEntry, progressRecord, seedRecord, webStory } from '../support/records';

const NOW = Date.UTC(2026, 10, 23, 12);
const rows: LibraryItem[] = [
  ...webItems(
    [webStory('1', NOW, { title: '<img src=x onerror=alert(1)>' })],
    new Map([['web:ao3:1', progressRecord('web:ao3:1', NOW, { percent: 40 })]]),
  ),
  ...seedItems([catalogEntry('a', 'Alpha', 100), catalogEntry('b', 'Beta', 200)], new Map([['seed:a', seedRecord('a', NOW - 1, 10)]])),
];

const alpha = rows[2] as LibraryItem;

const memory = memoryStorage;

const good = () =>
  JSON.parse(serializeSnapshot(takeSnapshot(rows, 'recent', 7))) as Record<string, unknown> & { items: Record<string, unknown>[] };
const withItem = (patch: Record<string, unknown>, i = 0) => {
  const s = good();
  s.items[i] = { ...s.items[i], ...patch };
  return JSON.stringify(s);
};

describe('the library snapshot', () => {
  it('keeps the first rows as drawn and the count, and reads them back as they were', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...alpha, id: `s${i}` }));
    expect(takeSnapshot(many, 'title', 30).items.map((i) => i.id)).toEqual(many.slice(0, SNAPSHOT_ROWS).map((i) => i.id));
    const s = takeSnapshot(rows, 'recent', 7);
    expect(parseSnapshot(serializeSnapshot(s))).toEqual(s);
    // A title is data: it stays the string it was (the view writes it as text).
    expect(parseSnapshot(serializeSnapshot(s))?.items[0]?.title).toBe('<img src=x onerror=alert(1)>');
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ ...good(), v: 1 })],
    ['an unknown order', JSON.stringify({ ...good(), sort: 'random' })],
    ['a negative count', JSON.stringify({ ...good(), count: -1 })],
    ['a count below its rows', JSON.stringify({ ...good(), count: 1 })],
    [
      'too many rows',
      JSON.stringify({
        ...good(),
        count: 100,
        items: Array.from({ length: SNAPSHOT_ROWS + 1 }, (_, i) => ({ ...good().items[2], id: `s${i}` })),
      }),
    ],
    ['two rows of one story', JSON.stringify({ ...good(), items: [good().items[1], good().items[1]] })],
    ['a title that is not a string', withItem({ title: { __html: '<b>x</b>' } })],
    ['an unknown kind', withItem({ kind: 'html' })],
    ['a javascript: chapter link', withItem({ url: 'javascript:alert(1)' })],
    ['a data: chapter link', withItem({ url: 'data:text/html,<script>1</script>' })],
    ['a web row with no site', withItem({ site: 'evil.example' })],
    ['a percent over 100', withItem({ percent: 1000 })],
    [
      'a progress record with no time',
      withItem({ progress: { key: 'k', percent: 1, finishedAt: null, position: { part: 0, paragraph: 0, offset: 0 } } }),
    ],
    ['a bundled story with a link', withItem({ url: 'https://example.com/' }, 1)],
    ['authors that are not strings', withItem({ authors: [1, 2] })],
    ['something too long to be ours', JSON.stringify({ ...good(), pad: 'x'.repeat(70_000) })],
  ])('is refused when it holds %s', (_, text) => {
    expect(parseSnapshot(text)).toBeNull();
  });

  it('drops a bad stored snapshot, and never throws when storage does', () => {
    const store = memory({ [SNAPSHOT_KEY]: '{"v":1,"sort":"recent"' });
    expect(readSnapshot(store)).toBeNull();
    expect(store.data.has(SNAPSHOT_KEY)).toBe(false);
    const broken: SnapshotStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(readSnapshot(broken)).toBeNull();
    expect(writeSnapshot(broken, takeSnapshot(rows, 'recent', 7))).toBe(false);
    expect(readSnapshot(undefined)).toBeNull();
  });

  it('writes only when what is drawn changed', () => {
    const store = memory();
    expect(writeSnapshot(store, takeSnapshot(rows, 'recent', 7))).toBe(true);
    expect(writeSnapshot(store, takeSnapshot(rows, 'recent', 7))).toBe(false);
    expect(writeSnapshot(store, takeSnapshot(rows, 'recent', 8))).toBe(true);
    expect(store.writes).toBe(2);
    expect(readSnapshot(store)?.count).toBe(8);
  });

  it('stands in only until the records are in: then they are drawn, whatever the snapshot said', () => {
    const snap = takeSnapshot(rows, 'title', 7);
    const before = libraryOnScreen(snap, { rows: null, sort: 'recent', count: undefined, failed: false });
    expect(before).toMatchObject({ fromSnapshot: true, sort: 'title', count: 7 });
    expect(before?.items.map((i) => i.id)).toEqual(rows.map((i) => i.id));
    // The first screen's read is in (the count known) but the order asked needs every record: still the snapshot,
    // with the count from the records.
    expect(libraryOnScreen(snap, { rows: null, sort: 'title', count: 3, failed: false })).toMatchObject({ fromSnapshot: true, count: 3 });
    const fresh = [alpha];
    expect(libraryOnScreen(snap, { rows: fresh, sort: 'recent', count: 1, failed: false })).toEqual({
      items: fresh,
      sort: 'recent',
      count: 1,
      fromSnapshot: false,
    });
    // Reading failed: the snapshot is not passed off as the library.
    expect(libraryOnScreen(snap, { rows: null, sort: 'recent', count: undefined, failed: true })).toBeNull();
    expect(libraryOnScreen(null, { rows: null, sort: 'recent', count: undefined, failed: false })).toBeNull();
  });
});
