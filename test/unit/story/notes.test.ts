import { describe, expect, it } from 'vitest';
import { withoutLabel } from '../../../lib/story/notes';

describe('a note shown under its label', () => {
  it.each([
    ['WARNING: spoilers for episode 10', 'Warning', 'spoilers for episode 10'],
    ['Warnings - character death', 'Warning', 'character death'],
    ['*Disclaimer*: I do not own Madoka Magica.', 'Disclaimer', 'I do not own Madoka Magica.'],
    ['Summary — Sayaka visits Mami.', 'Summary', 'Sayaka visits Mami.'],
  ])('%j under "%s" drops the repeated label', (text, label, shown) => {
    expect(withoutLabel(text, label)).toBe(shown);
  });

  it.each([
    ['*SPOILER* This takes place after episode 12', 'Warning'],
    ['Warning signs were everywhere that night.', 'Warning'],
    ['Disclaimer:', 'Disclaimer'],
    ["I don't own Madoka.", 'Disclaimer'],
  ])('%j under "%s" is kept whole (no label to drop, or nothing left after it)', (text, label) => {
    expect(withoutLabel(text, label)).toBe(text);
  });
});
