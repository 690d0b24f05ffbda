import type { WholeWorkFailure, WholeWorkFailureReason, WholeWorkProgress, WholeWorkResult } from '../lib/saved/whole-work-run';
import { type MessageKey, t } from './i18n';
import { trusted } from './trusted';
import { BarButton } from './BarButton';

/** Where "Save whole work" stands: not started, running, or how the last run ended. */
export type WholeWorkStatus = { kind: 'idle' } | ({ kind: 'running' } & WholeWorkProgress) | WholeWorkResult;

export interface WholeWorkControlProps {
  status: WholeWorkStatus;
  onSave: () => void;
  onCancel: () => void;
}

/**
 * "Save whole work": the button, then a progress bar with the count and Cancel while it runs, and how it ended
 * (a failure in words, with what is saved). Nothing runs until the reader asks.
 */
export function WholeWorkControl({ status, onSave, onCancel }: WholeWorkControlProps) {
  const running = status.kind === 'running';
  const complete = status.kind === 'done' && status.done >= status.total;
  return (
    <section class="whole-work" aria-label={t('wholeWorkLabel')}>
      {running && (
        <progress class="whole-work-progress" max={Math.max(1, status.total)} value={status.done} aria-labelledby="whole-work-count" />
      )}
      <p id="whole-work-count" class="row-meta" role="status">
        {statusText(status)}
      </p>
      {status.kind === 'failed' && (
        <p class="notice whole-work-failure" role="alert">
          {wholeWorkFailureText(status.failure)}
        </p>
      )}
      {running ? (
        <BarButton onClick={trusted(onCancel)}>{t('wholeWorkCancel')}</BarButton>
      ) : (
        !complete && <BarButton onClick={trusted(onSave)}>{t('wholeWorkSave')}</BarButton>
      )}
    </section>
  );
}

function statusText(status: WholeWorkStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'running':
      return t('wholeWorkProgress', status.done, status.total);
    case 'done':
      return status.done >= status.total ? t('wholeWorkDone', status.total) : t('wholeWorkProgress', status.done, status.total);
    case 'cancelled':
      return t('wholeWorkCancelled', status.done, status.total);
    case 'failed':
      return t('wholeWorkProgress', status.done, status.total);
  }
}

/** The failures said in fixed words; `rate-limited` and `http-error` put numbers in theirs. */
const FAILURE_WORDS: Record<Exclude<WholeWorkFailureReason, 'rate-limited' | 'http-error'>, MessageKey> = {
  challenge: 'wholeWorkChallenge',
  forbidden: 'wholeWorkForbidden',
  'not-found': 'wholeWorkNotFound',
  login: 'wholeWorkLogin',
  'adult-gate': 'wholeWorkAdultGate',
  'different-work': 'wholeWorkDifferentWork',
  incomplete: 'wholeWorkIncomplete',
  'unexpected-page': 'wholeWorkUnexpectedPage',
  network: 'wholeWorkNetwork',
  'save-failed': 'wholeWorkSaveFailed',
};

/** What went wrong, for the reader: every failure the run reports has its own words. */
export function wholeWorkFailureText(failure: WholeWorkFailure): string {
  const { reason } = failure;
  if (reason === 'http-error') return t('wholeWorkHttpError', failure.status ?? 0);
  if (reason !== 'rate-limited') return t(FAILURE_WORDS[reason]);
  const s = failure.retryAfterSeconds;
  if (s === undefined) return t('wholeWorkRateLimited');
  return s < 120 ? t('wholeWorkRateLimitedSeconds', Math.max(1, s)) : t('wholeWorkRateLimitedMinutes', Math.ceil(s / 60));
}
