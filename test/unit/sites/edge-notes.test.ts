/**
 * FFN author's notes at a chapter's edges become notes, by a rule that never takes story text for a note
 * (lib/sites/body.ts `buildBodyWithEdgeNotes`).
 */
import { describe, expect, it } from 'vitest';
import { buildBodyWithEdgeNotes } from '../../../lib/sites/body';
import { blankWindow, drawnHtml } from './helpers';

const win = blankWindow();
const read = (html: string) => {
  const { body, leading, trailing } = buildBodyWithEdgeNotes(html, win, 'https://www.fanfiction.net/s/1/1/');
  return {
    text: body.paragraphs.map((p) => p.text),
    roles: body.paragraphs.map((p) => p.role),
    lead: leading?.text,
    trail: trailing?.text,
    html: drawnHtml(body.blocks),
  };
};

describe('buildBodyWithEdgeNotes', () => {
  it('takes the marked paragraphs that open and close the chapter, and the rule after them', () => {
    const r = read("<p>A/N: hello.</p><p>Disclaimer: not mine.</p><hr><p>Story one.</p><p>Story two.</p><p>Author's note: bye.</p>");
    expect(r.lead).toBe('A/N: hello.\n\nDisclaimer: not mine.');
    expect(r.trail).toBe("Author's note: bye.");
    expect(r.text).toEqual(['Story one.', 'Story two.']);
    expect(r.html).toBe('<p data-p="0">Story one.</p><p data-p="1">Story two.</p>');
  });

  it('stops at the first paragraph without a marker', () => {
    const r = read('<p>Story one.</p><p>Disclaimer: this line is in the story.</p><p>AN: a note in the middle.</p><p>Story two.</p>');
    expect(r.lead).toBeUndefined();
    expect(r.trail).toBeUndefined();
    expect(r.text).toHaveLength(4);
    // A marked paragraph inside the text stays there, with its role.
    expect(r.roles).toEqual(['text', 'author-note', 'author-note', 'text']);
  });

  it('takes no paragraph that merely begins like a note', () => {
    const r = read('<p>An old man walked in.</p><p>Notes were scattered on the desk.</p><p>Story.</p><p>A/N</p>');
    expect(r.lead).toBeUndefined();
    expect(r.trail).toBeUndefined();
    expect(r.text).toHaveLength(4);
  });

  it('keeps a chapter that is all note as text', () => {
    const r = read('<p>AN: This story is on hiatus.</p><p>A/N: Sorry!</p>');
    expect(r.lead).toBeUndefined();
    expect(r.trail).toBeUndefined();
    expect(r.text).toEqual(['AN: This story is on hiatus.', 'A/N: Sorry!']);
  });

  it('leaves a note nested inside other markup in the text', () => {
    const r = read('<div><p>A/N: inside a wrapper.</p><p>Story one.</p></div><p>Story two.</p>');
    expect(r.lead).toBeUndefined();
    expect(r.text).toEqual(['A/N: inside a wrapper.', 'Story one.', 'Story two.']);
  });
});
