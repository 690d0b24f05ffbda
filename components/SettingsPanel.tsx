import {
  DEFAULT_SETTINGS,
  FONT_FAMILIES,
  FONT_STACKS,
  LIMITS,
  PALETTES,
  stepFontSize,
  THEME_CHOICES,
  type FontFamily,
  type Settings,
  type ThemeChoice,
} from '../lib/settings';

import type { Voice } from '../lib/speech/read-aloud';
import { t, type MessageKey } from './i18n';
import { trusted } from './trusted';
import { BarButton } from './BarButton';

const THEME_LABEL: Record<ThemeChoice, MessageKey> = {
  system: 'themeSystem',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
  contrast: 'themeContrast',
};
const FONT_LABEL: Record<FontFamily, MessageKey> = { serif: 'fontSerif', sans: 'fontSans', legible: 'fontLegible' };

/** A theme's swatch shows its own page and text colours. */
const swatchStyle = (th: Exclude<ThemeChoice, 'system'>) => ({ '--swatch-bg': PALETTES[th].bg, '--swatch-fg': PALETTES[th].fg });

/** "System" shows light and dark side by side, each half with its own colours. */
function SwatchFace({ theme }: { theme: ThemeChoice }) {
  if (theme !== 'system')
    return (
      <span class="swatch-face" style={swatchStyle(theme)} aria-hidden="true">
        Aa
      </span>
    );
  return (
    <span class="swatch-face split" aria-hidden="true">
      <span class="swatch-half" style={swatchStyle('light')}>
        A
      </span>
      <span class="swatch-half" style={swatchStyle('dark')}>
        a
      </span>
    </span>
  );
}

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
  const check = (key: 'justify' | 'autoRestyle' | 'storyOnly', label: MessageKey) => (
    <label class="setting check">
      <input type="checkbox" checked={s[key]} onChange={trusted((e) => set({ [key]: (e.currentTarget as HTMLInputElement).checked }))} />
      <span>{t(label)}</span>
    </label>
  );
  return (
    <section class="settings" aria-label={t('readingSettings')} id="reading-settings">
      <fieldset class="setting-group swatches">
        <legend>{t('theme')}</legend>
        {THEME_CHOICES.map((th) => (
          <label class="swatch" key={th} data-theme={th}>
            <input type="radio" name="theme" value={th} checked={s.theme === th} onChange={trusted(() => set({ theme: th }))} />
            <SwatchFace theme={th} />
            <span class="swatch-name">{t(THEME_LABEL[th])}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="setting-group segmented">
        <legend>{t('font')}</legend>
        {FONT_FAMILIES.map((f) => (
          <label class="segment" key={f} style={{ fontFamily: FONT_STACKS[f] }}>
            <input type="radio" name="font" value={f} checked={s.fontFamily === f} onChange={trusted(() => set({ fontFamily: f }))} />
            <span>{t(FONT_LABEL[f])}</span>
          </label>
        ))}
      </fieldset>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of two buttons around the size; a fieldset's legend would repeat the slider's label */}
      <div class="size-steps" role="group" aria-label={t('textSize')}>
        <button
          type="button"
          class="bar-button"
          data-action="smaller"
          aria-keyshortcuts="-"
          onClick={trusted(() => onChange(stepFontSize(s, -1)))}
        >
          <span aria-hidden="true">A−</span>
          <span class="visually-hidden">{t('smallerText')}</span>
        </button>
        <button
          type="button"
          class="bar-button"
          data-action="larger"
          aria-keyshortcuts="+"
          onClick={trusted(() => onChange(stepFontSize(s, 1)))}
        >
          <span aria-hidden="true">A+</span>
          <span class="visually-hidden">{t('largerText')}</span>
        </button>
      </div>
      {range('fontSize', 'textSize', ' px')}
      {range('lineHeight', 'lineHeight', '')}
      {range('width', 'width', ' em')}
      {range('paragraphSpacing', 'paragraphSpacing', ' em')}
      {check('justify', 'justify')}
      {check('autoRestyle', 'autoRestyle')}
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
          {check('storyOnly', 'readAloudStoryOnly')}
        </fieldset>
      )}
      <div class="settings-actions">
        <BarButton onClick={trusted(() => onChange(DEFAULT_SETTINGS))}>{t('reset')}</BarButton>
        {onClose && <BarButton onClick={trusted(() => onClose())}>{t('done')}</BarButton>}
      </div>
    </section>
  );
}
