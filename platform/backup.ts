import { buildBackup, parseBackup, positionsToImport, type BackupError } from '../lib/backup';
import type { ProgressService } from './progress';
import { loadSettings, saveSettings } from './settings';

/** Writes the backup file: the browser saves it as a download named after today's date. */
export async function exportLibrary(progress: ProgressService, doc: Document): Promise<string> {
  const [records, stories, settings] = await Promise.all([progress.all(), progress.webStories(), loadSettings()]);
  const now = new Date();
  const blob = new Blob([JSON.stringify(buildBackup(records, stories, settings, now), null, 2)], { type: 'application/json' });
  const name = `ficwell-backup-${now.toISOString().slice(0, 10)}.json`;
  const a = doc.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return name;
}

export type ImportResult = { ok: true; positions: number; stories: number } | { ok: false; error: BackupError };

/** Merges a backup in: a position is taken only when it is newer than the one stored; nothing on a bad file. */
export async function importLibrary(progress: ProgressService, text: string): Promise<ImportResult> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  const { backup } = parsed;
  const stored = new Map((await progress.all()).map((r) => [r.key, r]));
  const stories = new Map(backup.webStories.map((s) => [s.key, s]));
  let storyCount = 0;
  for (const record of positionsToImport(stored, backup.progress)) {
    const story = stories.get(record.key);
    if (story) {
      await progress.saveWeb(story, record);
      storyCount++;
    } else await progress.save(record);
  }
  await saveSettings(backup.settings);
  return { ok: true, positions: positionsToImport(stored, backup.progress).length, stories: storyCount };
}
