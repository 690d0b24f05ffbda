import { useEffect, useRef, useState } from 'preact/hooks';
import type { WholeWorkStatus } from '../../components/WholeWorkControl';
import { webKey } from '../../lib/db/keys';
import { chaptersOfPage } from '../../lib/saved/store-message';
import { planWholeWork, type WholeWorkPlan } from '../../lib/saved/whole-work';
import { runWholeWork, type ResponseLike } from '../../lib/saved/whole-work-run';
import type { ChapterPart, StoryPage } from '../../lib/sites/types';
import { backgroundApi, send } from '../../platform/messages';
import type { Lifetime } from './lifetime';

export interface WholeWork {
  /** Whether to offer the control: a chapter is left to ask the site for, or a run has started on this page. */
  offered: boolean;
  status: WholeWorkStatus;
  save(): void;
  cancel(): void;
}

/**
 * "Save whole work" on a restyled page (issue 15). Nothing is asked of the site until `save`, which the view
 * calls on the reader's own click. The run is this content script's: its requests go from the page's origin
 * with the reader's cookies (the reader's own session, as the page's own links would), its answers are read
 * with this window's DOMParser (scripts never run there), and each checked batch goes to the background as a
 * `save-chapters` message, as a chapter shown is.
 *
 * `have` is what the background said was saved as the page opened (asked for before the view is drawn, so
 * the control is there from the first frame and its arrival moves no text). The chapters the page shows are
 * saved by the page itself, so a page whose other chapters are all saved offers nothing.
 */
export function useWholeWork(page: StoryPage, have: readonly number[], life: Lifetime): WholeWork {
  const [plan, setPlan] = useState<WholeWorkPlan | undefined>(() => planWholeWork(page, new Set(have)));
  const [status, setStatus] = useState<WholeWorkStatus>({ kind: 'idle' });
  const run = useRef<AbortController | null>(null);
  const key = webKey(page.site, page.storyId);

  const planned = async () => planWholeWork(page, new Set(await send('saved-chapters', { key }).catch(() => [])));
  // A huge page is shown while it is read (./read-rest.ts): once it is read whole, it may show more chapters.
  const planFor = useRef(page);
  useEffect(() => {
    if (planFor.current === page || run.current) return;
    planFor.current = page;
    setPlan(planWholeWork(page, new Set(have)));
  }, [page]);
  // An updated or removed extension ends this script: its run stops with it.
  useState(() => life.onEnd(() => run.current?.abort()));

  const save = async () => {
    if (run.current) return;
    const controller = new AbortController();
    run.current = controller;
    // Planned again from what is saved now: a run cancelled or stopped earlier goes on where it left off.
    const fresh = await planned();
    if (!fresh) {
      run.current = null;
      setPlan(undefined);
      return;
    }
    setPlan(fresh);
    setStatus({ kind: 'running', done: fresh.saved.length, total: fresh.total });
    const result = await runWholeWork(fresh, {
      fetch: (url, { signal }) => fetchFromPage(url, signal),
      win: window,
      now: Date.now,
      sleep,
      save: (chapters, from) => saveBatch(chapters, from),
      onProgress: (p) => controller.signal.aborted || setStatus({ kind: 'running', ...p }),
      signal: controller.signal,
    });
    run.current = null;
    if (life.alive) setStatus(result);
  };

  return {
    offered: status.kind !== 'idle' || (plan?.requests.length ?? 0) > 0,
    status,
    save: () => void save(),
    cancel: () => run.current?.abort(),
  };
}

/**
 * One request of the run, from the page's own origin: cookies go with it (same origin only), and an answer
 * redirected to another origin is refused by the browser rather than read (the run calls that `network`).
 */
async function fetchFromPage(url: string, signal: AbortSignal): Promise<ResponseLike> {
  const response = await fetch(url, { signal, credentials: 'same-origin', mode: 'same-origin', redirect: 'follow' });
  return response; // its `url` is the address that answered, after redirects
}

/** The chapters the run read and checked, sent like the chapters a page shows; a refusal is a failed save. */
async function saveBatch(chapters: ChapterPart[], from: StoryPage): Promise<void> {
  const reply = await backgroundApi.saveChapters(chaptersOfPage({ ...from, parts: chapters }));
  if (!reply.ok) throw new Error(`save-chapters: ${reply.reason}`);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
