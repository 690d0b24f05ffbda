import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type PanelRoute } from '../../lib/route';

describe('panel route', () => {
  it.each<[string, PanelRoute]>([
    ['#story=glass-hearts', { kind: 'story', id: 'glass-hearts' }],
    ['story=glass-hearts', { kind: 'story', id: 'glass-hearts' }],
    ['#story=a%20b', { kind: 'story', id: 'a b' }],
    ['#library', { kind: 'library' }],
    ['#story=', { kind: 'library' }],
    ['', { kind: 'last' }],
    ['#', { kind: 'last' }],
    ['#settings', { kind: 'last' }],
  ])('%j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each(['glass-hearts', 'a b', 'x&story=y', 'ü#?'])('a story address reads back as the same story: %j', (id) => {
    expect(parseRoute(routeHash({ kind: 'story', id }))).toEqual({ kind: 'story', id });
  });

  it('the library address reads back as the library', () => {
    expect(parseRoute(routeHash({ kind: 'library' }))).toEqual({ kind: 'library' });
  });
});
