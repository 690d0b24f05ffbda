import { DEFAULT_SETTINGS, FONT_FAMILIES, LIMITS, THEME_CHOICES, type FontFamily, type Settings, type ThemeChoice } from '../lib/settings';

const THEME_LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', sepia: 'Sepia', dark: 'Dark', contrast: 'High contrast' };
const FONT_LABEL: Record<FontFamily, string> = { serif: 'Serif', sans: 'Sans-serif', legible: 'Legible' };

export interface SettingsPanelProps {
  settings: Settings;
  onChange: (settings: Settings) => void;
  onClose?: () => void;
}

/** Compact reading settings; every change applies at once, so the text behind is the preview. */
export function SettingsPanel({ settings: s, onChange, onClose }: SettingsPanelProps) {
  const set = (patch: Partial<Settings>) => onChange({ ...s, ...patch });
  const range = (key: keyof typeof LIMITS, label: string, unit: string) => (
    <label class="setting">
      <span>{label}</span>
      <input
        type="range"
        min={LIMITS[key].min}
        max={LIMITS[key].max}
        step={LIMITS[key].step}
        value={s[key]}
        aria-valuetext={`${s[key]}${unit}`}
        onInput={(e) => set({ [key]: Number((e.currentTarget as HTMLInputElement).value) })}
      />
      <output>{`${s[key]}${unit}`}</output>
    </label>
  );
  return (
    <section class="settings" aria-label="Reading settings" id="reading-settings">
      <fieldset class="setting-group">
        <legend>Theme</legend>
        {THEME_CHOICES.map((t) => (
          <label class="chip" key={t}>
            <input type="radio" name="theme" value={t} checked={s.theme === t} onChange={() => set({ theme: t })} />
            {THEME_LABEL[t]}
          </label>
        ))}
      </fieldset>
      <fieldset class="setting-group">
        <legend>Font</legend>
        {FONT_FAMILIES.map((f) => (
          <label class="chip" key={f}>
            <input type="radio" name="font" value={f} checked={s.fontFamily === f} onChange={() => set({ fontFamily: f })} />
            {FONT_LABEL[f]}
          </label>
        ))}
      </fieldset>
      {range('fontSize', 'Text size', ' px')}
      {range('lineHeight', 'Line height', '')}
      {range('width', 'Width', ' em')}
      {range('paragraphSpacing', 'Paragraph spacing', ' em')}
      <label class="setting check">
        <input type="checkbox" checked={s.justify} onChange={(e) => set({ justify: (e.currentTarget as HTMLInputElement).checked })} />
        <span>Justify text</span>
      </label>
      <label class="setting check">
        <input type="checkbox" checked={s.autoRestyle} onChange={(e) => set({ autoRestyle: (e.currentTarget as HTMLInputElement).checked })} />
        <span>Open fanfiction.net and AO3 chapters in the reader</span>
      </label>
      <div class="settings-actions">
        <button type="button" class="bar-button" onClick={() => onChange(DEFAULT_SETTINGS)}>
          Reset to defaults
        </button>
        {onClose && (
          <button type="button" class="bar-button" onClick={onClose}>
            Done
          </button>
        )}
      </div>
    </section>
  );
}
