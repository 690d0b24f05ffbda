import type { SyncStatus } from './engine';

/** A sync status as stored or sent: anything malformed reads as "no status". */
export function normalizeSyncStatus(raw: unknown): SyncStatus | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const lastSyncAt = typeof r.lastSyncAt === 'number' && Number.isFinite(r.lastSyncAt) ? r.lastSyncAt : null;
  const error = r.error === 'quota' || r.error === 'rate' || r.error === 'failed' ? r.error : null;
  const stories = Number.isInteger(r.stories) && (r.stories as number) >= 0 ? (r.stories as number) : 0;
  return { lastSyncAt, error, stories };
}
