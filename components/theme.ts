import { resolveTheme, settingsToCssVars, type Settings } from '../lib/settings';

/**
 * Applies reading settings to an element (a page's root, or a restyled page's shadow host) as CSS custom
 * properties and a `data-theme`; the "system" theme follows prefers-color-scheme live. Returns a cleanup.
 */
export function applySettings(el: HTMLElement, settings: Settings): () => void {
  const media = el.ownerDocument.defaultView?.matchMedia('(prefers-color-scheme: dark)');
  const paint = () => {
    const theme = resolveTheme(settings.theme, media?.matches ?? false);
    for (const [k, v] of Object.entries(settingsToCssVars(settings, theme))) el.style.setProperty(k, v);
    el.dataset.theme = theme;
  };
  paint();
  if (settings.theme !== 'system' || !media) return () => {};
  media.addEventListener('change', paint);
  return () => media.removeEventListener('change', paint);
}
