import type { BackupError } from '../lib/backup';
import type { ExportResult, ImportResult } from '../platform/backup';
import type { StoreFailure } from '../platform/progress';
import { t } from './i18n';
import { LibrarySection } from './LibrarySection';
import { BarButton } from './BarButton';

export interface BackupControlsProps {
  onExport: () => void;
  onImport: (file: File) => void;
  message: string | null;
}

/** Export the library to a JSON file and import one back. */
export function BackupControls({ onExport, onImport, message }: BackupControlsProps) {
  return (
    <LibrarySection name="backup" heading={t('backupHeading')}>
      <div class="backup-actions">
        <BarButton onClick={onExport}>{t('backupExport')}</BarButton>
        <label class="bar-button file-button">
          {t('backupImport')}
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) onImport(file);
              input.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p class="row-meta" role="status">
          {message}
        </p>
      )}
    </LibrarySection>
  );
}

export function backupErrorText(e: BackupError): string {
  switch (e.code) {
    case 'too-large':
      return t('backupTooLarge');
    case 'not-json':
      return t('backupNotJson');
    case 'not-backup':
      return t('backupNotBackup');
    case 'no-progress':
      return t('backupNoProgress');
    case 'version':
      return t('backupVersion', e.version);
    case 'bad-position':
      return t('backupBadPosition', e.index);
    case 'bad-story':
      return t('backupBadStory', e.index);
  }
}

/** What an export did, in words: the file saved, or why none was. */
export function exportResultText(r: ExportResult): string {
  return r.ok ? t('backupExported', r.name) : t('backupExportFailed');
}

/** What an import did, in words, from the counts of what was written. */
export function importResultText(r: ImportResult): string {
  if (!r.ok) return t('backupFailed', backupErrorText(r.error));
  if (r.failure === null) return t('backupImported', r.positions, r.stories);
  const reason = storageFailureText(r.failure);
  return r.positions + r.stories === 0 ? t('backupFailed', reason) : t('backupImportStopped', r.positions, r.stories, reason);
}

function storageFailureText(f: StoreFailure): string {
  return f === 'quota' ? t('backupStorageFull') : t('backupStorageUnavailable');
}
