import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_UI, loadUi, migrateLegacyUi, saveUi, uiItems } from '../../platform/ui-state';

const local = () => fakeBrowser.storage.local;

describe('small view state, one item per field', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the defaults from empty storage', async () => {
    expect(await loadUi()).toEqual(DEFAULT_UI);
  });

  it.each([
    ['null', null],
    ['a string', 'open'],
    ['an array', [true]],
  ])('a stored %s for the notes maps reads as the default, so the reader renders', async (_, junk) => {
    await local().set({ 'ui.frontMatterOpen': junk, 'ui.endNotesOpen': junk, 'ui.sort': junk, 'ui.lastStory': 42 });
    expect(await loadUi()).toEqual(DEFAULT_UI);
  });

  it('drops entries of a notes map that are not booleans', async () => {
    await local().set({ 'ui.frontMatterOpen': { a: false, b: null, c: 'no' } });
    expect(await uiItems.frontMatterOpen.get()).toEqual({ a: false });
  });

  it('two views saving different fields keep both (no read-then-write of one object)', async () => {
    await Promise.all([saveUi({ sort: 'title' }), saveUi({ lastStory: 'glass-hearts' }), saveUi({ endNotesOpen: { x: false } })]);
    expect(await loadUi()).toEqual({ ...DEFAULT_UI, sort: 'title', lastStory: 'glass-hearts', endNotesOpen: { x: false } });
  });

  it('saveUi writes only the fields in the patch', async () => {
    await local().set({ 'ui.sort': 'length' });
    await saveUi({ lastStory: null });
    expect((await local().get('ui.sort'))['ui.sort']).toBe('length');
  });

  it('moves the old single `ui` object into the items, junk normalized, and removes it', async () => {
    await local().set({
      ui: { lastStory: 'never-alone', frontMatterOpen: null, endNotesOpen: { a: false }, sort: 'title' },
      'ui.sort': 'length',
    });
    await migrateLegacyUi();
    expect(await local().get('ui')).toEqual({});
    // A field this release already wrote wins over the old object's copy.
    expect(await loadUi()).toEqual({ lastStory: 'never-alone', frontMatterOpen: {}, endNotesOpen: { a: false }, sort: 'length' });
  });

  it('reads every field in one call to storage', async () => {
    await local().set({ 'ui.sort': 'title', 'ui.lastStory': 'never-alone' });
    const get = vi.spyOn(local(), 'get');
    expect(await loadUi()).toEqual({ ...DEFAULT_UI, sort: 'title', lastStory: 'never-alone' });
    expect(get).toHaveBeenCalledTimes(1);
    get.mockRestore();
  });

  it('a view that reads first still finds what the old `ui` object held, and the object is gone', async () => {
    await local().set({ ui: { lastStory: 'glass-hearts', sort: 'length' } });
    expect(await loadUi()).toEqual({ ...DEFAULT_UI, lastStory: 'glass-hearts', sort: 'length' });
    expect(await local().get('ui')).toEqual({});
  });

  it('a junk old `ui` value is removed and gives the defaults', async () => {
    await local().set({ ui: null });
    await migrateLegacyUi();
    expect(await local().get('ui')).toEqual({});
    expect(await loadUi()).toEqual(DEFAULT_UI);
  });
});
