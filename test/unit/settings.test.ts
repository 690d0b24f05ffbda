import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  contrastRatio,
  DEFAULT_SETTINGS,
  LIMITS,
  normalizeSettings,
  PALETTES,
  resolveTheme,
  stepFontSize,
  type Theme,
} from '../../lib/settings';
import { loadSettings, saveSettings, watchSettings } from '../../platform/settings';

describe('settings model', () => {
  it('fills missing or broken values from the defaults', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings('junk')).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ theme: 'neon', fontSize: 'big', justify: 1 })).toEqual(DEFAULT_SETTINGS);
  });
  it('clamps numbers into their ranges', () => {
    const s = normalizeSettings({ fontSize: 99, lineHeight: 0.2, width: 45, paragraphSpacing: 1.23 });
    expect(s).toMatchObject({ fontSize: 36, lineHeight: 1.2, width: 45, paragraphSpacing: 1.2 });
  });
  it('keeps valid choices', () => {
    expect(normalizeSettings({ theme: 'sepia', fontFamily: 'legible', justify: true, autoRestyle: false })).toMatchObject({
      theme: 'sepia',
      fontFamily: 'legible',
      justify: true,
      autoRestyle: false,
    });
  });
  it('steps the font size within the limits', () => {
    expect(stepFontSize(DEFAULT_SETTINGS, 1).fontSize).toBe(19);
    expect(stepFontSize({ ...DEFAULT_SETTINGS, fontSize: 36 }, 1).fontSize).toBe(36);
    expect(stepFontSize({ ...DEFAULT_SETTINGS, fontSize: 12 }, -1).fontSize).toBe(12);
  });
  it('follows the system for the "system" theme', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('sepia', true)).toBe('sepia');
  });
});

describe('theme palettes', () => {
  it.each(Object.keys(PALETTES) as Theme[])('%s: every text colour has at least 4.5:1 on the page and on cards', (theme) => {
    const p = PALETTES[theme];
    for (const text of [p.fg, p.muted, p.accent, p.warn]) {
      expect(contrastRatio(text, p.bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(text, p.card)).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('settings in extension storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads junk as the defaults, and stores only normalized settings', async () => {
    await fakeBrowser.storage.local.set({ settings: null });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { theme: 'neon', fontSize: 1e308 } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, fontSize: LIMITS.fontSize.max });
    await saveSettings({ ...DEFAULT_SETTINGS, width: 999 });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ ...DEFAULT_SETTINGS, width: LIMITS.width.max });
  });

  it('tells every watcher about a change, normalized', async () => {
    const seen = new Promise((resolve) => watchSettings(resolve));
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, theme: 'sepia', junk: true } });
    expect(await seen).toEqual({ ...DEFAULT_SETTINGS, theme: 'sepia' });
  });
});
