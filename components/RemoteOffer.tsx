import { t } from './i18n';

export interface RemoteOfferProps {
  /** Where the other device is: the section or chapter, as the reader names it. */
  where: string;
  /** How long ago it was read there ("3 min ago"). */
  ago: string;
  onGo: () => void;
  onDismiss: () => void;
}

/**
 * Another device read further in this story. The reader is offered that place, never moved there under
 * their eyes.
 */
export function RemoteOffer({ where, ago, onGo, onDismiss }: RemoteOfferProps) {
  return (
    <div class="remote-offer" role="status">
      <p>{t('syncOffer', where, ago)}</p>
      <div class="backup-actions">
        <button type="button" class="bar-button" onClick={onGo}>
          {t('syncOfferGo')}
        </button>
        <button type="button" class="bar-button" onClick={onDismiss}>
          {t('syncOfferDismiss')}
        </button>
      </div>
    </div>
  );
}
