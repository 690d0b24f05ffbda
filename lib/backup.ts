import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { normalizeProgressRecord, normalizeWebStoryRecord } from './records';
import { normalizeSettings, type Settings } from './settings';

/**
 * The whole library in one JSON file: every position, every story read on a site, the reading settings.
 * Version 2 holds positions as `{part, paragraph, offset}`; files of version 1 (positions as
 * `{section, paragraph, n, offset}`, written by releases with IndexedDB schema 3 or older) still import,
 * their positions converted. A release that reads only version 1 refuses a version-2 file as too new,
 * rather than calling each position damaged.
 */
export interface Backup {
  format: 'ficwell-backup';
  version: 2;
  exportedAt: string;
  progress: ProgressRecord[];
  webStories: WebStoryRecord[];
  settings: Settings;
}

export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

export function buildBackup(progress: ProgressRecord[], webStories: WebStoryRecord[], settings: Settings, now: Date): Backup {
  return { format: 'ficwell-backup', version: 2, exportedAt: now.toISOString(), progress, webStories, settings };
}

export type BackupError =
  | { code: 'too-large' | 'not-json' | 'not-backup' | 'no-progress' }
  | { code: 'version'; version: string }
  | { code: 'bad-position' | 'bad-story'; index: number };

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: BackupError };

/**
 * Checks a file before anything is imported: a damaged record refuses the whole file, with the reason.
 * Every record goes through its normalizer (lib/records.ts): only the format's fields are kept, numbers
 * within their ranges, and times in the future taken as `now`.
 */
export function parseBackup(text: string, now: number): ParsedBackup {
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, error: { code: 'too-large' } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  const d = data as Partial<Record<keyof Backup, unknown>>;
  if (typeof d !== 'object' || d === null || d.format !== 'ficwell-backup') return { ok: false, error: { code: 'not-backup' } };
  if (d.version !== 1 && d.version !== 2) return { ok: false, error: { code: 'version', version: String(d.version) } };
  const legacy = d.version === 1;
  if (!Array.isArray(d.progress) || !Array.isArray(d.webStories)) return { ok: false, error: { code: 'no-progress' } };
  const progress: ProgressRecord[] = [];
  for (const [i, raw] of (d.progress as unknown[]).entries()) {
    const r = normalizeProgressRecord(raw, now, { legacy });
    if (!r) return { ok: false, error: { code: 'bad-position', index: i + 1 } };
    progress.push(r);
  }
  const webStories: WebStoryRecord[] = [];
  for (const [i, raw] of (d.webStories as unknown[]).entries()) {
    const s = normalizeWebStoryRecord(raw, now);
    if (!s) return { ok: false, error: { code: 'bad-story', index: i + 1 } };
    webStories.push(s);
  }
  return {
    ok: true,
    backup: {
      format: 'ficwell-backup',
      version: 2,
      exportedAt: typeof d.exportedAt === 'string' ? d.exportedAt.slice(0, 40) : '',
      progress,
      webStories,
      settings: normalizeSettings(d.settings),
    },
  };
}
