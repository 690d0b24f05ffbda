import { useEffect, useState } from 'preact/hooks';
import type { SiteState } from '../../lib/sites/access';
import { SITES } from '../../lib/sites/registry';
import { optionalSiteStates, switchSite } from '../../platform/site-access';
import { t } from '../i18n';
import type { SiteControlsProps, SiteRow } from '../SiteControls';

/** The Sites section's rows and switch: the optional sites' states read from the browser, and what a switch came to. */
export function useSiteAccess(): SiteControlsProps {
  const [states, setStates] = useState<readonly SiteState[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void optionalSiteStates().then(setStates, () => setStates([]));
  }, []);
  const sites: SiteRow[] = SITES.map((s) => ({
    id: s.id,
    name: t(s.label),
    state: s.onByDefault ? 'always' : states?.find((x) => x.id === s.id)?.on ? 'on' : 'off',
  }));
  return {
    sites,
    busy,
    message,
    onSwitch(id, on) {
      const name = sites.find((s) => s.id === id)?.name ?? id;
      setBusy(id);
      // Straight from the click: the browser asks the reader only inside the gesture (platform/site-access.ts).
      switchSite(id, on)
        .then(({ granted, states: after }) => {
          setStates(after);
          const isOn = after.find((s) => s.id === id)?.on ?? false;
          if (on) setMessage(t(isOn ? 'siteOn' : granted ? 'siteFailed' : 'siteRefused', name));
          else setMessage(t(isOn ? 'siteFailed' : 'siteOff', name));
        })
        .catch(() => setMessage(t('siteFailed', name)))
        .finally(() => setBusy(null));
    },
  };
}
