/**
 * Data-driven: every folder test/fixtures/<site>/<case>/ holds source.html (a trimmed page), url.txt and
 * expected.json (written by hand from the page, not from the parser's output). Keys left out of
 * expected.json are not checked; the safety of everything drawn is checked for every readable case.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Readability } from '@mozilla/readability';
import { readPage } from '../../../lib/sites';
import { plainText } from '../../../lib/sites/body';
import type { ParagraphRole, StoryPage } from '../../../lib/sites/types';
import { drawnHtml, expectSafeHtml, load, parsedAgain } from './helpers';
import { readFixture } from '../../support/fixtures';

interface ExpectedPart {
  number?: number;
  id?: string;
  title?: string | null;
  url?: string;
  notes?: { kind: string; text: string }[];
  paragraphs?: number;
  words?: number;
  first?: string;
  last?: string;
  roles?: Partial<Record<ParagraphRole, number[]>>;
  htmlContains?: string[];
  htmlExcludes?: string[];
}

type Expected =
  | {
      readable: true;
      source: StoryPage['source'];
      story?: Record<string, unknown>;
      summaryText?: string | null;
      notes?: { kind: string; text: string }[];
      links?: Record<string, string>;
      chapters?: Record<string, unknown>[];
      parts?: ExpectedPart[];
    }
  | { readable: false; reason: string; readabilityAloneWouldRead?: boolean };

const ROOT = join(__dirname, '..', '..', 'fixtures');

const casesOf = (sites: readonly string[]) =>
  readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && sites.includes(d.name))
    .flatMap((site) =>
      readdirSync(join(ROOT, site.name), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((c) => `${site.name}/${c.name}`),
    )
    .sort();

const fixture = (name: string) => readFixture<Expected>(join(ROOT, name));

function pick(obj: object, keys: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  // JSON has no undefined: null in expected.json means "absent".
  return Object.fromEntries(keys.map((k) => [k, src[k] ?? null]));
}

/** The data-driven cases of these fixture folders (test/fixtures/<site>), at least `atLeast` of them. */
export function describeFixtures(sites: readonly string[], atLeast: number) {
  const cases = casesOf(sites);
  describe(`fixtures of ${sites.join(', ')}`, () => {
    it('has the cases the issues ask for', () => {
      expect(cases.length).toBeGreaterThanOrEqual(atLeast);
    });

    describe.each(cases)('%s', (name) => {
      const { html, url, expected } = fixture(name);

      it('reads as expected', () => {
        const page = load(html, url);
        const before = page.doc.documentElement.outerHTML;
        const result = readPage(page.doc, page.url, page.win);
        // Reading never changes the page (Readability runs on a clone).
        expect(page.doc.documentElement.outerHTML).toBe(before);

        if (!expected.readable) {
          expect(result).toEqual({ kind: 'not-readable', reason: expected.reason });
          if (expected.readabilityAloneWouldRead !== undefined) {
            // What classifying the page first prevents: Readability on its own "reads" this page.
            const article = new Readability(page.doc.cloneNode(true) as Document).parse();
            expect((article?.textContent ?? '').trim().length > 0).toBe(expected.readabilityAloneWouldRead);
          }
          return;
        }

        expect(result.kind).toBe('story');
        if (result.kind !== 'story') return;
        const story = result.page;
        expect(story.source).toBe(expected.source);
        if (expected.story) expect(pick(story, Object.keys(expected.story))).toEqual(expected.story);
        if (expected.summaryText !== undefined) expect(story.summary?.text ?? null).toBe(expected.summaryText);
        if (expected.notes) expect(story.notes.map((n) => ({ kind: n.kind, text: n.text }))).toEqual(expected.notes);
        if (expected.links) expect(story.links).toEqual(expected.links);
        if (expected.chapters) expect(story.chapters).toEqual(expected.chapters);

        if (expected.parts) {
          expect(story.parts.length).toBe(expected.parts.length);
          expected.parts.forEach((want, i) => {
            const part = story.parts[i];
            expect(part, `part ${i}`).toBeDefined();
            if (!part) return;
            if (want.number !== undefined) expect(part.number).toBe(want.number);
            if (want.id !== undefined) expect(part.id).toBe(want.id);
            if (want.title !== undefined) expect(part.title ?? null).toBe(want.title);
            if (want.url !== undefined) expect(part.url).toBe(want.url);
            if (want.notes) expect(part.notes.map((n) => ({ kind: n.kind, text: n.text }))).toEqual(want.notes);
            if (want.paragraphs !== undefined) expect(part.paragraphs.length).toBe(want.paragraphs);
            if (want.words !== undefined) expect(part.words).toBe(want.words);
            if (want.first !== undefined) expect(part.paragraphs[0]?.text).toBe(want.first);
            if (want.last !== undefined) expect(part.paragraphs.at(-1)?.text).toBe(want.last);
            if (want.roles) {
              for (const role of ['author-note', 'scene-break'] as const) {
                const got = part.paragraphs.flatMap((p, j) => (p.role === role ? [j] : []));
                expect(got, role).toEqual(want.roles[role] ?? []);
              }
            }
            const drawn = drawnHtml(part.blocks);
            for (const s of want.htmlContains ?? []) expect(drawn).toContain(s);
            for (const s of want.htmlExcludes ?? []) expect(drawn).not.toContain(s);
          });
        }
      });

      if (expected.readable) {
        it('lets nothing unsafe through, and numbers every paragraph as drawn', () => {
          const page = load(html, url);
          const result = readPage(page.doc, page.url, page.win);
          if (result.kind !== 'story') throw new Error(`not read: ${JSON.stringify(result)}`);
          const story = result.page;
          const htmls = [
            drawnHtml(story.summary?.blocks ?? []),
            ...story.notes.map((n) => drawnHtml(n.blocks)),
            ...story.parts.flatMap((p) => [drawnHtml(p.blocks), ...p.notes.map((n) => drawnHtml(n.blocks))]),
          ];
          for (const h of htmls) expectSafeHtml(h);
          for (const part of story.parts) {
            // As drawn, paragraph i is the element with data-p="i", and holds its text.
            const marked = Array.from(parsedAgain(drawnHtml(part.blocks)).querySelectorAll('[data-p]'));
            expect(marked.map((el) => Number(el.getAttribute('data-p')))).toEqual(part.paragraphs.map((_, i) => i));
            expect(marked.map((el) => plainText(el))).toEqual(part.paragraphs.map((p) => p.text));
            expect(part.words).toBe(part.paragraphs.reduce((n, p) => n + p.words, 0));
          }
        });
      }
    });
  });
}
