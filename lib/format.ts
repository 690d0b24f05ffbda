/** Display formatting shared by every view. Pure: locale is a parameter. */

export function formatCount(n: number, locale = 'en'): string {
  return n.toLocaleString(locale);
}

export function formatWords(n: number, locale = 'en'): string {
  return `${formatCount(n, locale)} ${n === 1 ? 'word' : 'words'}`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
