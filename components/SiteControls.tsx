import { t } from './i18n';
import { LibrarySection } from './LibrarySection';

/** One site as the Sites section lists it: on from installation (`always`), or turned on or off by the reader. */
export interface SiteRow {
  id: string;
  /** Its name, as the library labels its stories. */
  name: string;
  state: 'always' | 'on' | 'off';
}

export interface SiteControlsProps {
  sites: readonly SiteRow[];
  /** The site being switched (its switch waits for the browser), or null. */
  busy: string | null;
  /** What the last switch came to, said once. */
  message: string | null;
  onSwitch: (id: string, on: boolean) => void;
}

/** The library's Sites section: every site and whether its pages open in the reader; the optional ones switch. */
export function SiteControls(props: SiteControlsProps) {
  return (
    <LibrarySection name="sites" heading={t('sitesHeading')}>
      <p class="row-meta">{t('sitesWhat')}</p>
      <ul class="site-list">
        {props.sites.map((site) => (
          <li key={site.id} data-site={site.id}>
            <label class="site-toggle">
              <input
                type="checkbox"
                checked={site.state !== 'off'}
                disabled={site.state === 'always' || props.busy === site.id}
                onChange={(e) => props.onSwitch(site.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              {site.name}
              {site.state === 'always' && <span class="row-meta">{t('siteAlwaysOn')}</span>}
            </label>
          </li>
        ))}
      </ul>
      {props.message && (
        <p class="row-meta site-message" role="status">
          {props.message}
        </p>
      )}
    </LibrarySection>
  );
}
