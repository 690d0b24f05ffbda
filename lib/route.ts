/**
 * The side panel's address: `#story=<id>` opens a story, `#library` the list, anything else (no hash) reopens
 * what the panel showed last.
 */
export type PanelRoute = { kind: 'story'; id: string } | { kind: 'library' } | { kind: 'last' };

export function parseRoute(hash: string): PanelRoute {
  const h = hash.replace(/^#/, '');
  if (h === 'library') return { kind: 'library' };
  const id = new URLSearchParams(h).get('story');
  if (id === null) return { kind: 'last' };
  return id ? { kind: 'story', id } : { kind: 'library' };
}

export function routeHash(route: Exclude<PanelRoute, { kind: 'last' }>): string {
  return route.kind === 'story' ? `#story=${encodeURIComponent(route.id)}` : '#library';
}
