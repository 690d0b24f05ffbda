import { buildBackup, parseBackup, type BackupError } from '../lib/backup';
import type { ProgressService, StoreFailure } from './progress';
import { loadSettings, saveSettings } from './settings';

export type ExportResult = { ok: true; name: string; positions: number; stories: number } | { ok: false; reason: StoreFailure };

/**
 * Writes the backup file: the browser saves it as a download named after today's date. When the library
 * cannot be read (e.g. a database left by a newer release), nothing is written and the result says so:
 * an empty file would pass for a backup.
 */
export async function exportLibrary(progress: ProgressService, doc: Document): Promise<ExportResult> {
  const [snapshot, settings] = await Promise.all([progress.snapshot(), loadSettings()]);
  if (!snapshot.ok) return snapshot;
  const now = new Date();
  const records = [...snapshot.progress].sort((a, b) => b.updatedAt - a.updatedAt);
  const blob = new Blob([JSON.stringify(buildBackup(records, snapshot.stories, settings, now), null, 2)], { type: 'application/json' });
  const name = `ficwell-backup-${now.toISOString().slice(0, 10)}.json`;
  const a = doc.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return { ok: true, name, positions: records.length, stories: snapshot.stories.length };
}

/**
 * What an import did: the counts are of records actually written (a position older than the stored one is
 * not, nor a second copy of one), and `failure` says why it stopped, when it did.
 */
export type ImportResult =
  | { ok: true; positions: number; stories: number; failure: StoreFailure | null }
  | { ok: false; error: BackupError };

/** Merges a backup in: a record is taken only when it is newer than the one stored; nothing from a bad file. */
export async function importLibrary(progress: ProgressService, text: string, now = Date.now()): Promise<ImportResult> {
  const parsed = parseBackup(text, now);
  if (!parsed.ok) return parsed;
  const { backup } = parsed;
  const done = await progress.importRecords(backup.progress, backup.webStories);
  if (done.failure === null) await saveSettings(backup.settings);
  return { ok: true, positions: done.positions, stories: done.stories, failure: done.failure };
}
