import { formatCount } from '../lib/format';
import { t } from './i18n';

/** Counts and times as readers see them, in the UI's language. */

export function formatWords(n: number): string {
  return n === 1 ? t('wordsOne') : t('wordsMany', formatCount(n));
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return t('minutes', minutes);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? t('hoursMinutes', h, m) : t('hours', h);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date. */
export function formatAgo(then: number, now: number): string {
  const s = Math.max(0, (now - then) / 1000);
  if (s < 60) return t('justNow');
  if (s < 3600) return t('minutesAgo', Math.floor(s / 60));
  if (s < 86400) return t('hoursAgo', Math.floor(s / 3600));
  const days = Math.floor(s / 86400);
  if (days === 1) return t('yesterday');
  if (days < 30) return t('daysAgo', days);
  dateFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return dateFormat.format(then);
}

// Made once, at the first date shown: `toLocaleDateString` builds a new `Intl.DateTimeFormat` on every call,
// and a library of thousands calls it for each row it draws.
let dateFormat: Intl.DateTimeFormat | undefined;
