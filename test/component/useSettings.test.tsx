import { act, render, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSettings, type SettingsStore } from '../../components/hooks/useSettings';
import { DEFAULT_SETTINGS, PALETTES, type Settings } from '../../lib/settings';

/** Renders a view using the hook on `target`; `latest` holds what the hook returned last. */
function mount(target: HTMLElement, options?: Parameters<typeof useSettings>[1]) {
  const latest: { settings?: Settings | null; change?: (s: Settings) => void } = {};
  function View() {
    const [settings, change] = useSettings(target, options);
    latest.settings = settings;
    latest.change = change;
    return null;
  }
  const view = render(<View />);
  return { latest, ...view };
}

const sepia: Settings = { ...DEFAULT_SETTINGS, theme: 'sepia', fontSize: 22 };

beforeEach(() => fakeBrowser.reset());

describe('useSettings', () => {
  it('paints the default palette until the stored settings are read, then those', async () => {
    await fakeBrowser.storage.local.set({ settings: sepia });
    const el = document.createElement('div');
    const { latest } = mount(el);
    expect(latest.settings).toBeNull();
    expect(el.style.getPropertyValue('--bg')).toBe(PALETTES.light.bg); // "system", and jsdom's scheme is light
    await waitFor(() => expect(latest.settings).toEqual(sepia));
    expect([el.dataset.theme, el.style.getPropertyValue('--bg'), el.style.getPropertyValue('--reader-size')]).toEqual([
      'sepia',
      PALETTES.sepia.bg,
      '22px',
    ]);
  });

  it('with settings already read, paints them at once', () => {
    const el = document.createElement('div');
    const { latest } = mount(el, { initial: sepia });
    expect(latest.settings).toEqual(sepia);
    expect(el.dataset.theme).toBe('sepia');
  });

  it('follows a change made in another view', async () => {
    const el = document.createElement('div');
    const { latest } = mount(el, { initial: sepia });
    await act(() => fakeBrowser.storage.local.set({ settings: { ...sepia, theme: 'contrast' } }));
    await waitFor(() => expect(el.dataset.theme).toBe('contrast'));
    expect(latest.settings?.theme).toBe('contrast');
  });

  it('shows its own change at once and stores it for the other views', async () => {
    const el = document.createElement('div');
    const { latest } = mount(el, { initial: sepia });
    act(() => latest.change!({ ...sepia, theme: 'dark' }));
    expect(el.dataset.theme).toBe('dark');
    await waitFor(async () =>
      expect(((await fakeBrowser.storage.local.get('settings')) as { settings: Settings }).settings.theme).toBe('dark'),
    );
  });

  it('a change heard before a slow load finishes is not overwritten by that load', async () => {
    let finish: (s: Settings) => void = () => {};
    let listener: (s: Settings) => void = () => {};
    const store: SettingsStore = {
      load: () => new Promise((resolve) => (finish = resolve)),
      save: async () => {},
      watch: (l) => {
        listener = l;
        return () => {};
      },
    };
    const el = document.createElement('div');
    const { latest } = mount(el, { store });
    act(() => listener({ ...sepia, theme: 'dark' }));
    await act(async () => finish(sepia));
    expect(latest.settings?.theme).toBe('dark');
  });

  it('stops listening when the view goes away', () => {
    let listening = 0;
    const store: SettingsStore = {
      load: async () => sepia,
      save: async () => {},
      watch: () => {
        listening++;
        return () => listening--;
      },
    };
    const { unmount } = mount(document.createElement('div'), { store });
    expect(listening).toBe(1);
    act(() => void unmount());
    expect(listening).toBe(0);
  });
});
