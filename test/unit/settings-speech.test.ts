import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LIMITS, normalizeSettings } from '../../lib/settings';

describe('read-aloud settings', () => {
  it('settings stored before read aloud existed keep everything and get the read-aloud defaults', () => {
    const old = {
      version: 1,
      theme: 'dark',
      fontFamily: 'sans',
      fontSize: 22,
      lineHeight: 1.8,
      width: 40,
      paragraphSpacing: 1,
      justify: true,
      autoRestyle: false,
    };
    expect(normalizeSettings(old)).toEqual({ ...old, voice: null, rate: 1, storyOnly: true });
  });

  it.each([
    ['a voice', { voice: 'urn:moz-tts:speechd:English%20(America)?en' }, { voice: 'urn:moz-tts:speechd:English%20(America)?en' }],
    ['an empty voice', { voice: '' }, { voice: null }],
    ['a voice that is not a string', { voice: 42 }, { voice: null }],
    ['a rate too fast', { rate: 9 }, { rate: LIMITS.rate.max }],
    ['a rate too slow', { rate: 0.1 }, { rate: LIMITS.rate.min }],
    ['a rate between steps', { rate: 1.23 }, { rate: 1.2 }],
    ['a rate that is no number', { rate: 'fast' }, { rate: 1 }],
    ['story only off', { storyOnly: false }, { storyOnly: false }],
    ['story only not a boolean', { storyOnly: 'yes' }, { storyOnly: true }],
  ])('normalizes %s', (_, patch, expected) => {
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, ...patch })).toEqual({ ...DEFAULT_SETTINGS, ...expected });
  });
});
