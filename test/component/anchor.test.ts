import { afterEach, describe, expect, it } from 'vitest';
import { paragraphAt, scrollTargetFor } from '../../components/anchor';

/**
 * jsdom lays nothing out: each paragraph gets the box a test gives it, and elementFromPoint answers from
 * those boxes, as a browser would for a column of paragraphs.
 */
function column(boxes: { top: number; height: number }[], gapElement = false) {
  const container = document.createElement('article');
  const ps = boxes.map((b, n) => {
    const p = document.createElement('p');
    p.dataset.p = String(n);
    p.textContent = `paragraph ${n}`;
    p.getBoundingClientRect = () =>
      ({ top: b.top, height: b.height, bottom: b.top + b.height, left: 0, right: 300, width: 300, x: 0, y: b.top }) as DOMRect;
    container.append(p);
    return p;
  });
  const heading = document.createElement('h2');
  container.append(heading);
  container.getBoundingClientRect = () => ({ top: 0, left: 0, width: 300, height: 1000, right: 300, bottom: 1000, x: 0, y: 0 }) as DOMRect;
  document.body.append(container);
  const probes: number[] = [];
  document.elementFromPoint = (_x: number, y: number) => {
    probes.push(y);
    const i = boxes.findIndex((b) => y >= b.top && y < b.top + b.height);
    return i === -1 ? (gapElement ? heading : null) : (ps[i] as Element);
  };
  return { container, ps, probes };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('paragraphAt', () => {
  it('finds the paragraph under the reading line and how far into it the line is', () => {
    const { container, ps } = column([
      { top: 0, height: 100 },
      { top: 110, height: 200 },
      { top: 320, height: 50 },
    ]);
    expect(paragraphAt(document, container, 160)).toEqual({ el: ps[1], offset: 0.25 });
    expect(paragraphAt(document, container, 0)).toEqual({ el: ps[0], offset: 0 });
  });

  it('in a gap, probes a little lower and takes the next paragraph at its top', () => {
    const { container, ps, probes } = column(
      [
        { top: 0, height: 100 },
        { top: 120, height: 100 },
      ],
      true,
    );
    expect(paragraphAt(document, container, 105)).toEqual({ el: ps[1], offset: 0 });
    expect(probes).toEqual([105, 113, 121]);
  });

  it('with nothing near the line, takes the last paragraph that starts above it', () => {
    const { container, ps } = column([
      { top: 0, height: 100 },
      { top: 110, height: 100 },
      { top: 600, height: 100 },
    ]);
    const hit = paragraphAt(document, container, 400);
    expect(hit?.el).toBe(ps[1]);
    expect(hit?.offset).toBe(1);
  });

  it('ignores paragraphs outside the container, and finds none in an empty one', () => {
    const { container } = column([{ top: 0, height: 100 }]);
    const other = document.createElement('section');
    other.getBoundingClientRect = container.getBoundingClientRect;
    document.body.append(other);
    expect(paragraphAt(document, other, 50)).toBeNull();
  });
});

describe('scrollTargetFor', () => {
  it('is the scroll that puts the offset of the paragraph under the reading line', () => {
    const { ps } = column([
      { top: 0, height: 100 },
      { top: 500, height: 200 },
    ]);
    Object.defineProperty(window, 'scrollY', { value: 1000, configurable: true });
    // The paragraph is 500 px below the viewport's top; a quarter in is 50 px further; the line is at 40.
    expect(scrollTargetFor(ps[1]!, 0.25, 40)).toBe(1000 + 500 + 50 - 40);
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });
});
