import type { PageRest, StoryPage } from '../../lib/sites/types';
import type { Lifetime } from './lifetime';

/** Longest one task of reading goes on: well under the 50 ms that makes a task long, so scrolling stays smooth. */
const TASK_MS = 30;

/**
 * Reads the rest of a huge page (lib/sites/page-steps.ts `PageRest`) in tasks of about TASK_MS, one after the
 * other, so the reader already shown stays responsive; resolves with the whole page, or null when the extension
 * went away first. Tasks are queued through a MessageChannel of this script's own, not timers: a tab in the
 * background slows timers to one a second, and nothing of this reaches the page (its ports are this world's).
 */
export function readRest(rest: PageRest, life: Lifetime): Promise<StoryPage | null> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const finish = (page: StoryPage | null) => {
      channel.port1.close();
      resolve(page);
    };
    channel.port1.onmessage = () => {
      if (!life.alive) return finish(null);
      const until = performance.now() + TASK_MS;
      try {
        do {
          const page = rest();
          if (page) return finish(page);
        } while (performance.now() < until);
      } catch (e) {
        channel.port1.close();
        reject(e);
        return;
      }
      channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
  });
}
