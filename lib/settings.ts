/**
 * The one reading-settings model, shared by the side panel, restyled pages and the popup. Stored in
 * extension storage under `settings`, versioned: `normalizeSettings` turns anything stored by any version
 * (or anything broken) into valid current settings.
 */

export type ThemeChoice = 'system' | 'light' | 'sepia' | 'dark' | 'contrast';
export type Theme = Exclude<ThemeChoice, 'system'>;
export type FontFamily = 'serif' | 'sans' | 'legible';

/** The settings format's version: the storage item's version, and the field a backup's settings carry. */
export const SETTINGS_VERSION = 1;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  theme: ThemeChoice;
  fontFamily: FontFamily;
  /** px */
  fontSize: number;
  lineHeight: number;
  /** Content width in em. */
  width: number;
  /** Space after a paragraph, in em. */
  paragraphSpacing: number;
  justify: boolean;
  /** Restyle supported fiction pages as they open (otherwise on demand). */
  autoRestyle: boolean;
  /** Read aloud: the chosen voice's voiceURI, or null for the default voice of the story's language. */
  voice: string | null;
  /** Read aloud: speech rate (1 is the engine's normal speed). */
  rate: number;
  /** Read aloud: leave out front matter and author's notes. */
  storyOnly: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  theme: 'system',
  fontFamily: 'serif',
  fontSize: 18,
  lineHeight: 1.6,
  width: 36,
  paragraphSpacing: 0.9,
  justify: false,
  autoRestyle: true,
  voice: null,
  rate: 1,
  storyOnly: true,
};

/** Allowed ranges, also used by the settings panel's controls. */
export const LIMITS = {
  fontSize: { min: 12, max: 36, step: 1 },
  lineHeight: { min: 1.2, max: 2.4, step: 0.1 },
  width: { min: 20, max: 60, step: 1 },
  paragraphSpacing: { min: 0, max: 2, step: 0.1 },
  rate: { min: 0.5, max: 2, step: 0.1 },
} as const;

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'sepia', 'dark', 'contrast'];
export const FONT_FAMILIES: readonly FontFamily[] = ['serif', 'sans', 'legible'];

/**
 * Font stacks. Nothing is bundled: the "legible" stack names Atkinson Hyperlegible (SIL OFL) and Lexend
 * where the reader has installed them, then the wide, open system sans-serifs.
 */
export const FONT_STACKS: Record<FontFamily, string> = {
  serif: "Georgia, 'Iowan Old Style', 'Noto Serif', 'DejaVu Serif', 'Times New Roman', serif",
  sans: "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', Roboto, 'DejaVu Sans', sans-serif",
  legible: "'Atkinson Hyperlegible', Lexend, Verdana, Tahoma, 'DejaVu Sans', sans-serif",
};

export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <T>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
  const num = (v: unknown, k: keyof typeof LIMITS): number => {
    const { min, max, step } = LIMITS[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return DEFAULT_SETTINGS[k];
    const clamped = Math.min(max, Math.max(min, v));
    return Math.round(clamped / step) * step === clamped ? clamped : Number((Math.round(clamped / step) * step).toFixed(2));
  };
  return {
    version: SETTINGS_VERSION,
    theme: pick(r.theme, THEME_CHOICES, DEFAULT_SETTINGS.theme),
    fontFamily: pick(r.fontFamily, FONT_FAMILIES, DEFAULT_SETTINGS.fontFamily),
    fontSize: num(r.fontSize, 'fontSize'),
    lineHeight: num(r.lineHeight, 'lineHeight'),
    width: num(r.width, 'width'),
    paragraphSpacing: num(r.paragraphSpacing, 'paragraphSpacing'),
    justify: typeof r.justify === 'boolean' ? r.justify : DEFAULT_SETTINGS.justify,
    autoRestyle: typeof r.autoRestyle === 'boolean' ? r.autoRestyle : DEFAULT_SETTINGS.autoRestyle,
    // Fields added after version 1 normalize from what older versions stored (nothing) to their defaults.
    voice: typeof r.voice === 'string' && r.voice.length > 0 && r.voice.length <= 500 ? r.voice : DEFAULT_SETTINGS.voice,
    rate: num(r.rate, 'rate'),
    storyOnly: typeof r.storyOnly === 'boolean' ? r.storyOnly : DEFAULT_SETTINGS.storyOnly,
  };
}

/** One step bigger or smaller text, within the limits. */
export function stepFontSize(s: Settings, direction: 1 | -1): Settings {
  return normalizeSettings({ ...s, fontSize: s.fontSize + direction * (s.fontSize >= 24 ? 2 : 1) });
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export interface Palette {
  bg: string;
  card: string;
  fg: string;
  muted: string;
  accent: string;
  warn: string;
  line: string;
  focus: string;
}

/** Colours of each theme. Every text colour keeps at least 4.5:1 against bg and card (tested). */
export const PALETTES: Record<Theme, Palette> = {
  light: {
    bg: '#fbf8f2',
    card: '#ffffff',
    fg: '#22201c',
    muted: '#5c574e',
    accent: '#26465a',
    warn: '#a13d2b',
    line: '#d6cdbc',
    focus: '#1a5fb4',
  },
  sepia: {
    bg: '#f4ecd8',
    card: '#faf4e6',
    fg: '#3b2f20',
    muted: '#5e4e38',
    accent: '#1f4a5e',
    warn: '#8f3320',
    line: '#d4c5a3',
    focus: '#1f4a5e',
  },
  dark: {
    bg: '#1b1d20',
    card: '#24272b',
    fg: '#e8e4dc',
    muted: '#b4ada1',
    accent: '#9cc3da',
    warn: '#f0a08f',
    line: '#4a4e55',
    focus: '#8ab4f8',
  },
  contrast: {
    bg: '#000000',
    card: '#0d0d0d',
    fg: '#ffffff',
    muted: '#e6e6e6',
    accent: '#ffd84d',
    warn: '#7fdbff',
    line: '#ffffff',
    focus: '#ffd84d',
  },
};

/** CSS custom properties that carry the settings into any view's stylesheet. */
export function settingsToCssVars(s: Settings, theme: Theme): Record<string, string> {
  const p = PALETTES[theme];
  return {
    '--bg': p.bg,
    '--card': p.card,
    '--fg': p.fg,
    '--muted': p.muted,
    '--accent': p.accent,
    '--accent-2': p.warn,
    '--line': p.line,
    '--focus': p.focus,
    '--reading-font': FONT_STACKS[s.fontFamily],
    '--reader-size': `${s.fontSize}px`,
    '--reader-leading': String(s.lineHeight),
    '--reader-width': `${s.width}em`,
    '--reader-gap': `${s.paragraphSpacing}em`,
    '--reader-align': s.justify ? 'justify' : 'start',
    // Justified lines without hyphenation open rivers of space in a narrow panel; the views set `lang`.
    '--reader-hyphens': s.justify ? 'auto' : 'manual',
    'color-scheme': theme === 'dark' || theme === 'contrast' ? 'dark' : 'light',
  };
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const v = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (v[0] ?? 0) + 0.7152 * (v[1] ?? 0) + 0.0722 * (v[2] ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
