/** Number formatting shared by every view. Pure. */

/**
 * A count (words, chapters, kB) as the UI's sentences say it: grouped in threes with commas, 1,234,567. Every
 * UI string comes from `_locales/en`, the one language Ficwell ships, so a count is grouped as English groups
 * it, whatever the browser's own locale (a German browser got "12.345 words" in an English sentence before).
 * Done by hand rather than with `Intl.NumberFormat`: a renderer's first Intl formatter loads its locale data,
 * 14–26 ms in Chromium on a page that had not used Intl yet, and a restyled chapter's first paint formats its
 * word count. A fraction is rounded: a count has none. When a second UI language ships, this must follow
 * `i18n.getUILanguage()`, not the browser's locale.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const whole = Math.round(Math.abs(n));
  const digits = String(whole);
  if (!/^\d+$/.test(digits)) return String(n); // beyond 1e21 String() gives an exponent: left as it is
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 && whole !== 0 ? `-${grouped}` : grouped;
}
