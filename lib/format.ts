/** Number formatting shared by every view. Pure: the locale is a parameter. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale);
}
