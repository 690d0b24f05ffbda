/** The restyled view's reading of a huge page's rest (entrypoints/restyle/read-rest.ts), in tasks of its own. */
import { describe, expect, it } from 'vitest';
import { readRest } from '../../entrypoints/restyle/read-rest';
import type { Lifetime } from '../../entrypoints/restyle/lifetime';
import type { StoryPage } from '../../lib/sites/types';
import { fixtureStory } from '../support/fixtures';

const page: StoryPage = fixtureStory('ffn/middle-chapter');
const alive = (): Lifetime & { end(): void } => {
  const ends: (() => void)[] = [];
  const life = {
    alive: true,
    onEnd: (fn: () => void) => void ends.push(fn),
    end() {
      life.alive = false;
      for (const fn of ends) fn();
    },
  };
  return life;
};

describe('readRest', () => {
  it('calls the rest until it gives the whole page, across more than one task', async () => {
    let calls = 0;
    let tasks = 0;
    let inTask = false;
    const result = readRest(() => {
      calls++;
      if (!inTask) {
        inTask = true;
        tasks++;
        queueMicrotask(() => {
          inTask = false;
        });
      }
      // Each call takes 20 ms: a task of about 30 ms holds two.
      const until = performance.now() + 20;
      while (performance.now() < until);
      return calls === 6 ? page : undefined;
    }, alive());
    expect(await result).toBe(page);
    expect(calls).toBe(6);
    expect(tasks).toBeGreaterThanOrEqual(3);
  });

  it('rejects when reading throws, and stops with nothing once the extension is gone', async () => {
    await expect(
      readRest(() => {
        throw new Error('the page changed under it');
      }, alive()),
    ).rejects.toThrow('the page changed under it');
    const life = alive();
    let calls = 0;
    const result = readRest(() => {
      calls++;
      if (calls === 2) life.end();
      return undefined;
    }, life);
    expect(await result).toBeNull();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
