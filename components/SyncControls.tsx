import type { SyncStatus } from '../lib/sync/engine';
import { formatAgo } from './format';
import { t } from './i18n';
import { LibrarySection } from './LibrarySection';
import { BarButton } from './BarButton';

export interface SyncControlsProps {
  enabled: boolean;
  status: SyncStatus | null;
  now: number;
  /** Firefox syncs on its own schedule and only with add-ons sync on: the explanation says so. */
  firefox: boolean;
  onToggle: (on: boolean) => void;
  onSyncNow: () => void;
  onClear: () => void;
}

/** The library's sync section: the switch, what leaves the device, and how sync is doing. */
export function SyncControls(props: SyncControlsProps) {
  return (
    <LibrarySection name="sync" heading={t('syncHeading')}>
      <label class="sync-toggle">
        <input type="checkbox" checked={props.enabled} onChange={(e) => props.onToggle((e.currentTarget as HTMLInputElement).checked)} />
        {t('syncToggle')}
      </label>
      <p class="row-meta">{t('syncWhat')}</p>
      {props.firefox && <p class="row-meta">{t('syncFirefox')}</p>}
      {props.enabled ? (
        <>
          <p class="row-meta sync-status" role="status" data-last-sync={props.status?.lastSyncAt ?? undefined}>
            {syncStatusText(props.status, props.now)}
          </p>
          <div class="backup-actions">
            <BarButton onClick={props.onSyncNow}>{t('syncNow')}</BarButton>
          </div>
        </>
      ) : (
        // Only while off: a device still syncing would write its places straight back.
        <div class="backup-actions">
          <BarButton onClick={props.onClear}>{t('syncClear')}</BarButton>
        </div>
      )}
    </LibrarySection>
  );
}

/** One line on how sync is doing, true to what the background last reported. */
export function syncStatusText(status: SyncStatus | null, now: number): string {
  if (status?.error === 'quota') return t('syncErrorQuota');
  if (status?.error === 'rate') return t('syncErrorRate');
  if (status?.error === 'failed') return t('syncErrorFailed');
  if (!status || status.lastSyncAt === null) return t('syncNotYet');
  return t('syncLast', formatAgo(status.lastSyncAt, now), status.stories);
}
