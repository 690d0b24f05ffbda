import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SiteControls, type SiteRow } from '../../components/SiteControls';

const rows: SiteRow[] = [
  { id: 'ffn', name: 'FanFiction.Net', state: 'always' },
  { id: 'ao3', name: 'Archive of Our Own', state: 'always' },
  { id: 'fp', name: 'FictionPress', state: 'off' },
];

describe('the Sites section', () => {
  it('lists every site with its state; the sites on by default cannot be switched here', () => {
    render(<SiteControls sites={rows} busy={null} message={null} onSwitch={() => {}} />);
    const ffn = screen.getByRole('checkbox', { name: /FanFiction\.Net/ }) as HTMLInputElement;
    expect(ffn.checked).toBe(true);
    expect(ffn.disabled).toBe(true);
    expect(ffn.closest('label')?.textContent).toMatch(/always on/);
    const fp = screen.getByRole('checkbox', { name: 'FictionPress' }) as HTMLInputElement;
    expect(fp.checked).toBe(false);
    expect(fp.disabled).toBe(false);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('a switch says which site and which way; while the browser answers it waits', () => {
    const onSwitch = vi.fn();
    const { rerender } = render(<SiteControls sites={rows} busy={null} message={null} onSwitch={onSwitch} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'FictionPress' }));
    expect(onSwitch).toHaveBeenCalledWith('fp', true);
    rerender(<SiteControls sites={rows} busy="fp" message={null} onSwitch={onSwitch} />);
    expect((screen.getByRole('checkbox', { name: 'FictionPress' }) as HTMLInputElement).disabled).toBe(true);
    const on = rows.map((r) => (r.id === 'fp' ? { ...r, state: 'on' as const } : r));
    rerender(<SiteControls sites={on} busy={null} message="FictionPress on: its pages open in the reader." onSwitch={onSwitch} />);
    expect(screen.getByRole('status').textContent).toBe('FictionPress on: its pages open in the reader.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'FictionPress' }));
    expect(onSwitch).toHaveBeenLastCalledWith('fp', false);
  });
});
