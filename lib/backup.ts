import { newest } from './db/progress';
import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { isProgressRecord, isWebStoryRecord } from './messages';
import { normalizeSettings, type Settings } from './settings';

/** The whole library in one JSON file: every position, every story read on a site, the reading settings. */
export interface Backup {
  format: 'ficwell-backup';
  version: 1;
  exportedAt: string;
  progress: ProgressRecord[];
  webStories: WebStoryRecord[];
  settings: Settings;
}

export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

export function buildBackup(progress: ProgressRecord[], webStories: WebStoryRecord[], settings: Settings, now: Date): Backup {
  return { format: 'ficwell-backup', version: 1, exportedAt: now.toISOString(), progress, webStories, settings };
}

export type BackupError =
  | { code: 'too-large' | 'not-json' | 'not-backup' | 'no-progress' }
  | { code: 'version'; version: string }
  | { code: 'bad-position' | 'bad-story'; index: number };

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: BackupError };

const SEED_KEY = /^seed:[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks a file before anything is imported: a bad file is refused whole, with the reason. */
export function parseBackup(text: string): ParsedBackup {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, error: { code: 'too-large' } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  const d = data as Partial<Backup>;
  if (typeof d !== 'object' || d === null || d.format !== 'ficwell-backup') return { ok: false, error: { code: 'not-backup' } };
  if (d.version !== 1) return { ok: false, error: { code: 'version', version: String(d.version) } };
  if (!Array.isArray(d.progress) || !Array.isArray(d.webStories)) return { ok: false, error: { code: 'no-progress' } };
  const badProgress = d.progress.findIndex((r) => !isProgressRecord(r) || !(SEED_KEY.test(r.key) || /^web:(?:ffn|ao3):\d{1,12}$/.test(r.key)));
  if (badProgress !== -1) return { ok: false, error: { code: 'bad-position', index: badProgress + 1 } };
  const badStory = d.webStories.findIndex((s) => !isWebStoryRecord(s));
  if (badStory !== -1) return { ok: false, error: { code: 'bad-story', index: badStory + 1 } };
  return {
    ok: true,
    backup: {
      format: 'ficwell-backup',
      version: 1,
      exportedAt: typeof d.exportedAt === 'string' ? d.exportedAt : '',
      progress: d.progress,
      webStories: d.webStories,
      settings: normalizeSettings(d.settings),
    },
  };
}

/** What an import changes: only positions newer than the stored ones (a backup never moves a story back). */
export function positionsToImport(stored: ReadonlyMap<string, ProgressRecord>, incoming: readonly ProgressRecord[]): ProgressRecord[] {
  return incoming.filter((r) => {
    const existing = stored.get(r.key);
    return !existing || newest(existing, r) !== existing;
  });
}
