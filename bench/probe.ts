/**
 * What the benchmark runs inside the pages it measures, before their own scripts (Chromium: an init script;
 * Firefox: a <script> tag in the staged copy of the extension, see bench/browsers.ts, and a preload script on
 * web pages). It only observes and writes its findings to `window.__bench`.
 *
 * "Painted" is taken as: the DOM change happened, the next animation frame began, and a task posted from that
 * frame's rAF callback ran. That task runs after the frame's style, layout and paint, so it is the first
 * moment the change can be on screen. A condition checked inside a rAF callback (the saved position under the
 * reading line) is already in the frame being drawn, so there the task is posted at once. It is the same rule for every page in both browsers (paint timing and
 * element timing cannot be used here: the popup's first contentful paint is its header, before the library;
 * an empty page paints nothing contentful; Firefox has no element timing).
 *
 * Plain JavaScript in a string: the test runner's transpiler may wrap a stringified function in helpers.
 */
export const PROBE_SOURCE = `(() => {
  if (window.__bench) return;
  const b = (window.__bench = {});
  // inFrame: called from a rAF callback, so the frame being rendered already holds the change.
  const afterPaint = (name, inFrame) => {
    if (name in b) return;
    b[name] = null;
    const post = () => {
      const c = new MessageChannel();
      c.port1.onmessage = () => { b[name] = performance.now(); };
      c.port2.postMessage(null);
    };
    if (inFrame) post();
    else requestAnimationFrame(post);
  };

  if (location.protocol === 'http:' || location.protocol === 'https:') {
    // A fiction page: when the reader replaced the page, and whether a frame showed the original first.
    b.frames = 0;
    b.flashFrames = 0;
    b.firstFlash = null;
    const reading = () => !!document.documentElement && document.documentElement.classList.contains('ficwell-reading');
    const mo = new MutationObserver(() => {
      if (!reading()) return;
      b.reading = performance.now();
      afterPaint('readerPainted');
      mo.disconnect();
    });
    mo.observe(document, { attributes: true, attributeFilter: ['class'], subtree: true });
    const frame = () => {
      if (reading()) return;
      b.frames++;
      const body = document.body;
      if (body && body.firstElementChild) {
        const cs = getComputedStyle(body);
        if (cs.visibility !== 'hidden' && cs.display !== 'none') {
          b.flashFrames++;
          if (b.firstFlash === null) b.firstFlash = performance.now();
        }
      }
      if (performance.now() < 8000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    return;
  }

  // An extension page: library rows, the first story paragraph, the saved paragraph under the reading line.
  let expect = -1;
  try { expect = Number(localStorage.getItem('ficwell-bench-expect') ?? '-1'); } catch {}
  const mo = new MutationObserver(() => {
    if (document.querySelector('.story-row')) afterPaint('rows');
    // The popup's module has replaced its first paint (entrypoints/popup-first.tsx): from here rows open stories.
    if (document.querySelector('#app .story-row') && !document.getElementById('first')) afterPaint('live');
    if (document.querySelector('[data-p]')) afterPaint('para');
    if (('rows' in b && 'live' in b) || 'para' in b) mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
  addEventListener('load', () => afterPaint('load'));
  // The whole library read and listed (the page's data-ready, set once every record is in).
  const ready = new MutationObserver(() => {
    if (document.documentElement?.dataset.ready === 'true') {
      afterPaint('ready');
      ready.disconnect();
    }
  });
  ready.observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true }); // no root element yet
  if (expect >= 0) {
    const frame = () => {
      // The paragraph under the reading line as the e2e tests define it (TOP_PARAGRAPH in the harness): the
      // first one whose bottom is below the line.
      const el = document.querySelector('[data-p="' + expect + '"]');
      const prev = document.querySelector('[data-p="' + (expect - 1) + '"]');
      const bar = document.querySelector('.reader-bar');
      if (el && bar) {
        const line = bar.getBoundingClientRect().bottom + 8;
        if (el.getBoundingClientRect().bottom > line && (!prev || prev.getBoundingClientRect().bottom <= line)) return afterPaint('pos', true);
      }
      if (performance.now() < 20000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }
})();`;

/** The localStorage key (extension origin) through which a run tells the probe which paragraph to expect. */
export const EXPECT_KEY = 'ficwell-bench-expect';
