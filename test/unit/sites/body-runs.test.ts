/**
 * A huge chapter is read in runs of top-level nodes (lib/sites/body.ts `readBodyInRuns`) so that the reader can
 * show the first while the rest is read: the runs must give exactly what the one-pass read gives.
 */
import { describe, expect, it } from 'vitest';
import {
  buildBody,
  buildBodyWithEdgeNotes,
  childrenWithout,
  FIRST_RUN_NODES,
  RUNS_ABOVE,
  readBodyInRuns,
  type BodyRuns,
} from '../../../lib/sites/body';
import { ao3 } from '../../../lib/sites/ao3';
import { ffn } from '../../../lib/sites/ffn';
import { wholePage } from '../../../lib/sites/page-steps';
import { load } from './helpers';

const URL_ = 'https://www.fanfiction.net/s/7999001/1/Huge';

/** A text of every shape a run boundary could fall in: loose text, `<br>` rows, split `<p>`s, rules, lists. */
function hugeText(paragraphs: number): string {
  const out: string[] = ['<p>A/N: thank you for reading.</p>', '<p>Disclaimer: not mine.</p>', '<hr>'];
  for (let i = 0; i < paragraphs; i++) {
    switch (i % 9) {
      case 0:
        out.push(`Loose text ${i} <b>bold</b> and more`, '<br>', '<br>', `loose again ${i}`);
        break;
      case 1:
        out.push(`<p>Old upload ${i}<br><br>second half ${i}<br>a line</p>`);
        break;
      case 2:
        out.push('<hr>');
        break;
      case 3:
        out.push(`<div>In a div ${i}<p>with a paragraph</p>and after</div>`);
        break;
      case 4:
        out.push(`<h2>Heading ${i}</h2>`);
        break;
      case 5:
        out.push(`<ul><li>item ${i}</li><li>item two</li></ul>`);
        break;
      case 6:
        out.push('<p>xXx</p>');
        break;
      default:
        out.push(`<p>Paragraph ${i} of a very long chapter, <i>with</i> some words.</p>`);
    }
  }
  out.push('<hr>', "<p>Author's note: see you next time.</p>");
  return out.join('');
}

function page(text: string) {
  return load(
    `<!DOCTYPE html><html><head><title>Huge, a x fanfic | FanFiction</title></head><body>
<div id="profile_top"><b class="xcontrast_txt">Huge</b> By: <a class="xcontrast_txt" href="/u/1/a">a</a>
<span class="xgray xcontrast_txt">Rated: K - English - Chapters: 1 - Words: 10 - id: 7999001</span></div>
<div role="main" id="storytextp"><div class="storytext xcontrast_txt" id="storytext">${text}</div></div></body></html>`,
    URL_,
  );
}

function drain(runs: BodyRuns): number {
  let steps = 0;
  while (!runs.done) {
    runs.step();
    steps++;
  }
  return steps;
}

// jsdom takes seconds over a few thousand nodes (a browser, milliseconds): the runs are made small instead.
const sizes = { above: 150, run: 40 };

describe('readBodyInRuns', () => {
  it('reads a long chapter in several runs and gives what the one-pass read gives, notes included', () => {
    const { doc, win } = page(hugeText(300));
    const el = doc.getElementById('storytext') as Element;
    const once = buildBodyWithEdgeNotes(childrenWithout(el), win, URL_);
    const runs = readBodyInRuns(el, win, URL_, { edgeNotes: true, sizes });

    const first = runs.current();
    expect(runs.done).toBe(false);
    expect(first.leading?.text).toBe(once.leading?.text);
    expect(first.trailing).toBeUndefined();
    // The first run is the start of the whole, paragraph for paragraph.
    expect(first.body.paragraphs).toEqual(once.body.paragraphs.slice(0, first.body.paragraphs.length));
    expect(first.body.blocks).toEqual(once.body.blocks.slice(0, first.body.blocks.length));

    expect(drain(runs)).toBeGreaterThanOrEqual(5);
    const all = runs.current();
    expect(all.body.paragraphs).toEqual(once.body.paragraphs);
    expect(all.body.blocks).toEqual(once.body.blocks);
    expect(all.body.words).toBe(once.body.words);
    expect(all.leading).toEqual(once.leading);
    expect(all.trailing).toEqual(once.trailing);
    expect(all.trailing?.text).toBe("Author's note: see you next time.");
    // What was handed out before never grows under its holder.
    expect(first.body.paragraphs.length).toBeLessThan(all.body.paragraphs.length);
  });

  it('reads a long text without edge notes as buildBody does, with the elements to skip left out', () => {
    const text = hugeText(300).replace('<hr>', '<h3 class="landmark">Chapter Text</h3>');
    const { doc, win } = page(text);
    const el = doc.getElementById('storytext') as Element;
    const once = buildBody(childrenWithout(el, 'h3.landmark'), win, URL_, 'link');
    const runs = readBodyInRuns(el, win, URL_, { skip: 'h3.landmark', media: 'link', sizes });
    expect(runs.done).toBe(false);
    drain(runs);
    expect(runs.current().body).toEqual(once);
    expect(runs.current().leading).toBeUndefined();
  });

  it('reads a chapter of at most RUNS_ABOVE top-level nodes at once', () => {
    const { doc, win } = page(hugeText(50));
    expect(doc.getElementById('storytext')?.childNodes.length).toBeLessThan(RUNS_ABOVE);
    const runs = readBodyInRuns(doc.getElementById('storytext') as Element, win, URL_, { edgeNotes: true });
    expect(runs.done).toBe(true);
    expect(runs.current().body.paragraphs.length).toBeGreaterThan(40);
  });

  it('gives the FFN adapter, over RUNS_ABOVE top-level nodes, a page to show at once and the rest to read', () => {
    const count = RUNS_ABOVE + 100;
    const text = Array.from({ length: count }, (_, i) => `<p>Paragraph ${i}.</p>`);
    const { doc, win, url } = page(['<p>A/N: hello.</p>', ...text, '<p>A/N: bye.</p>'].join(''));
    const result = ffn.parseDocument(doc, url, win);
    if (result.kind !== 'story' || !result.rest) throw new Error(`expected a page in steps, got ${result.kind}`);
    const shown = result.page.parts[0]?.paragraphs.map((p) => p.text) ?? [];
    const whole = wholePage(result);
    if (whole.kind !== 'story') throw new Error('expected a story');
    expect(whole.rest).toBeUndefined();
    const expected = Array.from({ length: count }, (_, i) => `Paragraph ${i}.`);
    expect(whole.page.parts[0]?.paragraphs.map((p) => p.text)).toEqual(expected);
    expect(whole.page.parts[0]?.notes.map((n) => [n.kind, n.text])).toEqual([
      ['chapter-notes', 'A/N: hello.'],
      ['chapter-end-notes', 'A/N: bye.'],
    ]);
    // What was shown first is the start of it.
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.slice(0, shown.length));
    expect(shown.length).toBeLessThan(count);
    expect({ ...whole.page, parts: [] }).toEqual({ ...result.page, parts: [] });
  });
});

/** An AO3 full-work page of `chapters` chapters of `paragraphs` paragraphs each, in the structure of test/fixtures/ao3/full-work. */
function ao3Work(chapters: number, paragraphs: number) {
  const chapter = (n: number) =>
    `<div class="chapter" id="chapter-${n}"><div class="chapter preface group"><h3 class="title"><a href="/works/9/chapters/${100 + n}">Chapter ${n}</a>: Lantern ${n}</h3>` +
    `<div id="notes" class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Notes for ${n}.</p></blockquote></div></div>` +
    `<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>${Array.from(
      { length: paragraphs },
      (_, i) => `<p>Chapter ${n}, paragraph ${i}.</p>`,
    ).join('')}</div></div>`;
  return load(
    `<!DOCTYPE html><html><head><title>Work - Author - Fandom [Archive of Our Own]</title></head><body><div id="main">
<dl class="work meta group"><dd class="fandom tags"><ul><li><a class="tag" href="/tags/x">X</a></li></ul></dd>
<dl class="stats"><dt class="chapters">Chapters:</dt><dd class="chapters">${chapters}/${chapters}</dd></dl></dl>
<div id="workskin"><div class="preface group"><h2 class="title heading">Work</h2><h3 class="byline heading"><a rel="author" href="/users/a">a</a></h3></div>
<div id="chapters" role="article">${Array.from({ length: chapters }, (_, i) => chapter(i + 1)).join('')}</div></div></div></body></html>`,
    'https://archiveofourown.org/works/9?view_full_work=true',
  );
}

describe('an AO3 work over RUNS_ABOVE top-level nodes', () => {
  it('is given with its first chapter and read a chapter at a time, ending as the one-pass read of each', () => {
    const { doc, win, url } = ao3Work(4, Math.ceil(RUNS_ABOVE / 3.5));
    const result = ao3.parseDocument(doc, url, win);
    if (result.kind !== 'story' || !result.rest) throw new Error(`expected a page in steps, got ${result.kind}`);
    expect(result.page.parts.map((p) => p.number)).toEqual([1]);
    expect(result.page.fullWork).toBe(true);
    const whole = wholePage(result);
    if (whole.kind !== 'story') throw new Error('expected a story');
    const texts = Array.from(doc.querySelectorAll('#chapters > div.chapter > div.userstuff'));
    expect(whole.page.parts.map((p) => p.paragraphs)).toEqual(
      texts.map((el) => buildBody(childrenWithout(el, 'h3.landmark'), win, url.href, 'link').paragraphs),
    );
    expect(whole.page.parts.map((p) => p.title)).toEqual(['Lantern 1', 'Lantern 2', 'Lantern 3', 'Lantern 4']);
    expect(whole.page.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4]);
    expect(whole.page.parts[0]).toEqual(result.page.parts[0]);
  });

  it('of fewer nodes is read at once', () => {
    const { doc, win, url } = ao3Work(3, 20);
    const result = ao3.parseDocument(doc, url, win);
    expect(result.kind === 'story' && result.rest).toBeFalsy();
    expect(result.kind === 'story' && result.page.parts.length).toBe(3);
  });
});

describe('an AO3 work of several chapters over FIRST_RUN_NODES top-level nodes', () => {
  it('is given with its first chapter, though it is under RUNS_ABOVE', () => {
    // 3 chapters of 150 paragraphs: some 450 nodes, as the bench's 100,000-word work is 20 chapters in some 1,300.
    const { doc, win, url } = ao3Work(3, 150);
    const nodes = Array.from(doc.querySelectorAll('#chapters > div.chapter > div.userstuff')).reduce(
      (n, el) => n + el.childNodes.length,
      0,
    );
    expect(nodes).toBeGreaterThan(FIRST_RUN_NODES);
    expect(nodes).toBeLessThan(RUNS_ABOVE);
    const result = ao3.parseDocument(doc, url, win);
    if (result.kind !== 'story' || !result.rest) throw new Error(`expected a page in steps, got ${result.kind}`);
    expect(result.page.parts.map((p) => p.number)).toEqual([1]);
    expect(result.page.parts[0]?.paragraphs).toHaveLength(150);
    const whole = wholePage(result);
    if (whole.kind !== 'story') throw new Error('expected a story');
    expect(whole.page.parts.map((p) => p.paragraphs.length)).toEqual([150, 150, 150]);
    expect(whole.page.parts[2]?.paragraphs[149]?.text).toBe('Chapter 3, paragraph 149.');
  });

  it('but of one chapter is read at once', () => {
    const { doc, win, url } = ao3Work(1, 450);
    const result = ao3.parseDocument(doc, url, win);
    expect(result.kind === 'story' && result.rest).toBeFalsy();
    expect(result.kind === 'story' && result.page.parts[0]?.paragraphs.length).toBe(450);
  });
});
