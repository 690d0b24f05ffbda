import { render, screen } from '@testing-library/preact';
import { trustedClick, trustedInput } from './trusted-input';
import { describe, expect, it, vi } from 'vitest';
import { SettingsPanel } from '../../components/SettingsPanel';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

const sepia: Settings = { ...DEFAULT_SETTINGS, theme: 'sepia', fontSize: 22, justify: true };

function renderPanel(settings = sepia, onClose?: () => void) {
  const onChange = vi.fn<(s: Settings) => void>();
  render(<SettingsPanel settings={settings} onChange={onChange} onClose={onClose} />);
  return onChange;
}

describe('SettingsPanel', () => {
  it('shows the settings it is given', () => {
    renderPanel();
    expect((screen.getByRole('radio', { name: 'Sepia' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Serif' }) as HTMLInputElement).checked).toBe(true);
    const size = screen.getByRole('slider', { name: /Text size/ }) as HTMLInputElement;
    expect([size.value, size.min, size.max, size.getAttribute('aria-valuetext')]).toEqual(['22', '12', '36', '22 px']);
    expect((screen.getByRole('checkbox', { name: /Justify/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('hands back the whole settings with one thing changed, for each control', () => {
    const onChange = renderPanel();
    trustedClick(screen.getByRole('radio', { name: 'Dark' }));
    trustedClick(screen.getByRole('radio', { name: /Legible/ }));
    trustedInput(screen.getByRole('slider', { name: /Line height/ }) as HTMLInputElement, '2');
    trustedClick(screen.getByRole('checkbox', { name: /Justify/ }));
    expect(onChange.mock.calls.map(([s]) => s)).toEqual([
      { ...sepia, theme: 'dark' },
      { ...sepia, fontFamily: 'legible' },
      { ...sepia, lineHeight: 2 },
      { ...sepia, justify: false },
    ]);
  });

  it('resets to the defaults', () => {
    const onChange = renderPanel();
    trustedClick(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect(onChange).toHaveBeenCalledWith(DEFAULT_SETTINGS);
  });

  it('closes with Done', () => {
    const onClose = vi.fn();
    const onChange = renderPanel(sepia, onClose);
    trustedClick(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('has no Done button when it cannot be closed', () => {
    renderPanel(sepia);
    expect(screen.getByRole('button', { name: 'Reset to defaults' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Done' })).toBeNull();
  });
});
