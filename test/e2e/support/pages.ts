/**
 * A three-chapter fanfiction.net story for navigation and progress tests, generated in the page structure
 * of test/fixtures/ffn/middle-chapter (trimmed: header, chapter selects, buttons, text, review box).
 */
export const GENERATED_STORY = { id: '7000001', slug: 'Three-Lanterns', chapters: 3, paragraphs: 80 };

/** A chapter page of the story; `chapters` says how many are posted (more than three: the story as it grew). */
export function ffnChapterPage(pathname: string, chapters: number = GENERATED_STORY.chapters): string | undefined {
  const m = /^\/s\/(\d+)\/(\d+)\/([\w-]+)$/.exec(pathname);
  const { id, slug, paragraphs } = GENERATED_STORY;
  if (!m || m[1] !== id || m[3] !== slug) return undefined;
  const n = Number(m[2]);
  if (n < 1 || n > chapters) return undefined;
  const options = Array.from(
    { length: chapters },
    (_, i) => `<option value="${i + 1}"${i + 1 === n ? ' selected' : ''}>${i + 1}. Lantern ${i + 1}</option>`,
  ).join('');
  const select = `<select id="chap_select" title="Chapter Navigation" name="chapter" onChange="self.location = '/s/${id}/'+ this.options[this.selectedIndex].value + '/${slug}';">${options}</select>`;
  const prev = n > 1 ? `<button class="btn" type="button" onClick="self.location='/s/${id}/${n - 1}/${slug}'">&lt; Prev</button>` : '';
  const next =
    n < chapters ? `<button class="btn" type="button" onClick="self.location='/s/${id}/${n + 1}/${slug}'">Next &gt;</button>` : '';
  const text = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Chapter ${n}, paragraph ${i + 1}. The lanterns burned low along the road while the travellers talked of home, of the long winter behind them and of the river crossing still ahead.</p>`,
  ).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Three Lanterns Chapter ${n}: Lantern ${n}, a harry potter fanfic | FanFiction</title>
<link rel="canonical" href="//www.fanfiction.net/s/${id}/1/${slug}"></head><body>
<div id="pre_story_links"><span class="lc-left"><a class="xcontrast_txt" href="/book/">Books</a><span class="xcontrast_txt icon-chevron-right xicon-section-arrow"></span><a class="xcontrast_txt" href="/book/Harry-Potter/">Harry Potter</a></span></div>
<div id="profile_top" style="min-height:112px;">
<b class="xcontrast_txt">Three Lanterns</b>
<span class="xcontrast_txt"><div style="height:5px"></div>By:</span> <a class="xcontrast_txt" href="/u/1111111/lanternkeeper">lanternkeeper</a>
<div style="margin-top:2px" class="xcontrast_txt">Three travellers, three lanterns, one road.</div>
<span class="xgray xcontrast_txt">Rated: <a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">Fiction  K+</a> - English - Adventure - Harry P. - Chapters: ${chapters} - Words: 12,345 - Reviews: 10 - Favs: 5 - Follows: 3 - Updated: <span data-xutime="1700000000">Nov 14, 2023</span> - Published: <span data-xutime="1690000000">Jul 22, 2023</span> - Status: Complete - id: ${id} </span>
</div>
<span style="float:right">${prev}${select}${next}</span>
<div role="main" aria-label="story content" class="storytextp" id="storytextp" style="user-select: none;">
<div class="storytext xcontrast_txt nocopy" id="storytext">
${text}
</div></div>
<span style="float:right">${prev}${next}</span>
<div id="review"><form name="review_form"><textarea id="review_review" name="review" rows="4" cols="60"></textarea></form></div>
</body></html>`;
}
