import { DEFAULT_SETTINGS, FONT_FAMILIES, LIMITS, THEME_CHOICES, type FontFamily, type Settings, type ThemeChoice } from '../lib/settings';

import type { Voice } from '../lib/speech/read-aloud';
import { t, type MessageKey } from './i18n';
import { trusted } from './trusted';

const THEME_LABEL: Record<ThemeChoice, MessageKey> = {
  system: 'themeSystem',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
  contrast: 'themeContrast',
};
const FONT_LABEL: Record<FontFamily, MessageKey> = { serif: 'fontSerif', sans: 'fontSans', legible: 'fontLegible' };

export interface SettingsPanelProps {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onClose?: () => void;
  /** The voices reading aloud can use; the read-aloud settings show only where the view reads aloud. */
  voices?: readonly Voice[];
}

/**
 * Compact reading settings; every change applies at once, so the text behind is the preview. Only the reader's
 * own input changes anything (`trusted`): settings apply to every view and every later page.
 */
export function SettingsPanel({ settings: s, onChange, onClose, voices }: SettingsPanelProps) {
  const set = (patch: Partial<Settings>) => onChange({ ...s, ...patch });
  const range = (key: keyof typeof LIMITS, label: MessageKey, unit: string) => (
    <label class="setting">
      <span>{t(label)}</span>
      <input
        type="range"
        min={LIMITS[key].min}
        max={LIMITS[key].max}
        step={LIMITS[key].step}
        value={s[key]}
        aria-valuetext={`${s[key]}${unit}`}
        onInput={trusted((e) => set({ [key]: Number((e.currentTarget as HTMLInputElement).value) }))}
      />
      <output>{`${s[key]}${unit}`}</output>
    </label>
  );
  return (
    <section class="settings" aria-label={t('readingSettings')} id="reading-settings">
      <fieldset class="setting-group">
        <legend>{t('theme')}</legend>
        {THEME_CHOICES.map((th) => (
          <label class="chip" key={th}>
            <input type="radio" name="theme" value={th} checked={s.theme === th} onChange={trusted(() => set({ theme: th }))} />
            {t(THEME_LABEL[th])}
          </label>
        ))}
      </fieldset>
      <fieldset class="setting-group">
        <legend>{t('font')}</legend>
        {FONT_FAMILIES.map((f) => (
          <label class="chip" key={f}>
            <input type="radio" name="font" value={f} checked={s.fontFamily === f} onChange={trusted(() => set({ fontFamily: f }))} />
            {t(FONT_LABEL[f])}
          </label>
        ))}
      </fieldset>
      {range('fontSize', 'textSize', ' px')}
      {range('lineHeight', 'lineHeight', '')}
      {range('width', 'width', ' em')}
      {range('paragraphSpacing', 'paragraphSpacing', ' em')}
      <label class="setting check">
        <input
          type="checkbox"
          checked={s.justify}
          onChange={trusted((e) => set({ justify: (e.currentTarget as HTMLInputElement).checked }))}
        />
        <span>{t('justify')}</span>
      </label>
      <label class="setting check">
        <input
          type="checkbox"
          checked={s.autoRestyle}
          onChange={trusted((e) => set({ autoRestyle: (e.currentTarget as HTMLInputElement).checked }))}
        />
        <span>{t('autoRestyle')}</span>
      </label>
      {voices && (
        <fieldset class="setting-group read-aloud-settings">
          <legend>{t('readAloudSettings')}</legend>
          <label class="setting">
            <span>{t('readAloudVoice')}</span>
            <select value={s.voice ?? ''} onChange={trusted((e) => set({ voice: (e.currentTarget as HTMLSelectElement).value || null }))}>
              <option value="">{t('readAloudVoiceDefault')}</option>
              {voices.map((v) => (
                <option value={v.voiceURI} key={v.voiceURI}>{`${v.name} (${v.lang})`}</option>
              ))}
            </select>
          </label>
          {range('rate', 'readAloudRate', '×')}
          <label class="setting check">
            <input
              type="checkbox"
              checked={s.storyOnly}
              onChange={trusted((e) => set({ storyOnly: (e.currentTarget as HTMLInputElement).checked }))}
            />
            <span>{t('readAloudStoryOnly')}</span>
          </label>
        </fieldset>
      )}
      <div class="settings-actions">
        <button type="button" class="bar-button" onClick={trusted(() => onChange(DEFAULT_SETTINGS))}>
          {t('reset')}
        </button>
        {onClose && (
          <button type="button" class="bar-button" onClick={trusted(() => onClose())}>
            {t('done')}
          </button>
        )}
      </div>
    </section>
  );
}
