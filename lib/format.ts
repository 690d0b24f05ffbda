/** Number formatting shared by every view. Pure: the locale is a parameter. */

// One formatter per locale, made once: `Number.prototype.toLocaleString` builds (and throws away) a whole
// `Intl.NumberFormat` on each call, 19–22 ms of a short chapter's first render in Chromium's profile.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatCount(n: number, locale?: string): string {
  const key = locale ?? '';
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(key, f);
  }
  return f.format(n);
}
