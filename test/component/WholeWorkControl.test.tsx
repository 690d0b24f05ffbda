import { render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { WholeWorkControl, type WholeWorkStatus, wholeWorkFailureText } from '../../components/WholeWorkControl';
import type { WholeWorkFailureReason } from '../../lib/saved/whole-work-run';
import { trustedClick } from './trusted-input';

function renderControl(status: WholeWorkStatus) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  const view = render(<WholeWorkControl status={status} onSave={onSave} onCancel={onCancel} />);
  return { ...view, onSave, onCancel };
}

describe('WholeWorkControl', () => {
  it('offers "Save whole work" and says nothing else before a run', () => {
    const { onSave } = renderControl({ kind: 'idle' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    trustedClick(screen.getByRole('button', { name: 'Save whole work' }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('shows the progress with its count while running, and Cancel instead of Save', () => {
    const { onCancel } = renderControl({ kind: 'running', done: 2, total: 5 });
    const bar = screen.getByRole('progressbar', { name: '2 of 5 chapters saved' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([2, 5]);
    expect(screen.getByRole('status').textContent).toBe('2 of 5 chapters saved');
    expect(screen.queryByRole('button', { name: 'Save whole work' })).toBeNull();
    trustedClick(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('ignores clicks a script made', () => {
    const { onSave } = renderControl({ kind: 'idle' });
    screen.getByRole('button', { name: 'Save whole work' }).click();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says when the whole work is saved, with no button left to press', () => {
    renderControl({ kind: 'done', done: 3, total: 3 });
    expect(screen.getByRole('status').textContent).toBe('Whole work saved: 3 chapters');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('after Cancel, says what is saved and offers to go on', () => {
    renderControl({ kind: 'cancelled', done: 1, total: 3 });
    expect(screen.getByRole('status').textContent).toBe('Stopped: 1 of 3 chapters saved. Save whole work goes on from there.');
    expect(screen.getByRole('button', { name: 'Save whole work' })).toBeTruthy();
  });

  it('shows a failure as an alert, with the Retry-After wait, and what is saved', () => {
    renderControl({ kind: 'failed', failure: { reason: 'rate-limited', retryAfterSeconds: 600 }, done: 4, total: 9 });
    expect(screen.getByRole('alert').textContent).toBe(
      'The site asks for fewer requests (429) and to wait about 10 minutes. Ficwell stopped; try again after that.',
    );
    expect(screen.getByRole('status').textContent).toBe('4 of 9 chapters saved');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('words a short Retry-After in seconds, and one it did not give not at all', () => {
    expect(wholeWorkFailureText({ reason: 'rate-limited', retryAfterSeconds: 30 })).toBe(
      'The site asks for fewer requests (429) and to wait 30 seconds. Ficwell stopped; try again after that.',
    );
    expect(wholeWorkFailureText({ reason: 'rate-limited' })).toBe(
      'The site asks for fewer requests (429). Ficwell stopped; try again later.',
    );
  });

  it('has its own words for every failure', () => {
    const reasons: WholeWorkFailureReason[] = [
      'challenge',
      'forbidden',
      'rate-limited',
      'not-found',
      'login',
      'adult-gate',
      'different-work',
      'incomplete',
      'unexpected-page',
      'http-error',
      'network',
      'save-failed',
    ];
    const texts = reasons.map((reason) => wholeWorkFailureText({ reason, status: 502 }));
    expect(new Set(texts).size).toBe(reasons.length);
    for (const text of texts) expect(text).not.toMatch(/^wholeWork/);
    expect(wholeWorkFailureText({ reason: 'http-error', status: 502 })).toContain('(502)');
  });
});
