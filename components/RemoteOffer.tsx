import { t } from './i18n';
import { BarButton } from './BarButton';

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
        <BarButton onClick={onGo}>{t('syncOfferGo')}</BarButton>
        <BarButton onClick={onDismiss}>{t('syncOfferDismiss')}</BarButton>
      </div>
    </div>
  );
}
