/**
 * Page builders in fanfiction.net and AO3 structure (after the trimmed pages in test/fixtures/{ffn,ao3}/ and
 * /work/shared/docs/fiction-sites.md), with a slot for every part a site adapter extracts, so the hostile
 * fixtures and the fuzzer can put markup exactly where the adapters will read it. Pure string building: each
 * slot is inserted as raw HTML, nothing is escaped (that is the point).
 */

import type { SiteId } from '../../lib/sites/registry';
import type { Rng } from './random';

export interface BuiltPage {
  site: SiteId;
  url: string;
  html: string;
}

// ---------------------------------------------------------------------------------------------------------
// fanfiction.net (desktop)

/** The sites of fanfiction.net's layout: fanfiction.net itself and FictionPress. */
const FFN_LAYOUT_SITES = {
  ffn: {
    host: 'www.fanfiction.net',
    name: 'FanFiction',
    crumbs: `<a class=xcontrast_txt href='/book/'>Books</a>`,
    category: '/book/Harry-Potter/',
    kind: 'harry potter fanfic',
  },
  fp: {
    host: 'www.fictionpress.com',
    name: 'FictionPress',
    crumbs: `<a class=xcontrast_txt href='/fiction/'>Fiction</a>`,
    category: '/fiction/Fantasy/',
    kind: 'fantasy fiction',
  },
} as const;

export interface FfnSpec {
  /** The site of fanfiction.net's layout the page is on; fanfiction.net when absent. */
  site?: keyof typeof FFN_LAYOUT_SITES;
  storyId: string;
  /** 1-based chapter shown. */
  chapter: number;
  slug: string;
  /** The page URL; defaults to https://{the site's www. host}/s/{id}/{chapter}/{slug}. */
  url?: string;
  /** `<title>` content (RCDATA: markup here is text). Defaults to FFN's "{title} Chapter N: ..., a ... fanfic". */
  docTitle?: string;
  /** Extra markup at the end of `<head>`. */
  head?: string;
  /** Extra markup right after `<body>`. */
  bodyStart?: string;
  /** Inner HTML of the fandom breadcrumb link (FictionPress: the category's). */
  fandom?: string;
  /** Inner HTML of `#profile_top > b.xcontrast_txt`; undefined leaves the `<b>` out (layout change). */
  title?: string;
  /** Inner HTML of the author link `a[href^="/u/"]`. */
  author: string;
  authorId?: string;
  /** Inner HTML of the summary `div.xcontrast_txt`. */
  summary: string;
  /** Inner HTML of the grey metadata line; defaults to a plausible one. */
  meta?: string;
  /** Option texts (HTML) of both `select#chap_select`; no select when empty or absent. */
  chapters?: string[];
  /** Inner HTML of `div#storytext`. */
  storyText: string;
  /** Markup between the story text and the bottom navigation (around the extracted parts). */
  afterText?: string;
  /** Extra markup just before `</body>`. */
  bodyEnd?: string;
  /** Leave out the prev/next buttons. */
  noButtons?: boolean;
  /** Leave out `div#storytext` (the adapter will not recognise the page: the Readability fallback runs). */
  noStoryTextId?: boolean;
}

export function ffnUrl(spec: Pick<FfnSpec, 'storyId' | 'chapter' | 'slug' | 'url' | 'site'>): string {
  return spec.url ?? `https://${FFN_LAYOUT_SITES[spec.site ?? 'ffn'].host}/s/${spec.storyId}/${spec.chapter}/${spec.slug}`;
}

export function ffnPage(spec: FfnSpec): BuiltPage {
  const { storyId, chapter, slug } = spec;
  const layout = FFN_LAYOUT_SITES[spec.site ?? 'ffn'];
  const chapters = spec.chapters ?? [];
  const options = chapters.map((t, i) => `<option  value=${i + 1} ${i + 1 === chapter ? 'selected' : ''}>${t}`).join('');
  const select = chapters.length
    ? `<SELECT id=chap_select title="Chapter Navigation" Name=chapter onChange="self.location = '/s/${storyId}/'+ this.options[this.selectedIndex].value + '/${slug}';">${options}</select>`
    : '';
  const prev =
    chapter > 1 ? `<button class=btn TYPE=BUTTON  onClick="self.location='/s/${storyId}/${chapter - 1}/${slug}'">&lt; Prev</button> ` : '';
  const next =
    chapter < chapters.length
      ? ` <button class=btn TYPE=BUTTON onClick="self.location='/s/${storyId}/${chapter + 1}/${slug}'">Next &gt;</button>`
      : '';
  const nav = spec.noButtons ? select : `${prev}${select}${next}`;
  const count = Math.max(1, chapters.length);
  const meta =
    spec.meta ??
    `Rated: <a class='xcontrast_txt' href='https://www.fictionratings.com/' target='rating'>Fiction  T</a> - English - Adventure/Drama - Harry P., Hermione G. - ${chapters.length > 1 ? `Chapters: ${count}   - ` : ''}Words: 12,345 - Reviews: <a href='/r/${storyId}/'>12</a> - Favs: 34 - Follows: 56 - Updated: <span data-xutime='1700000000'>Nov 14, 2023</span> - Published: <span data-xutime='1690000000'>Jul 22, 2023</span> - id: ${storyId} `;
  const docTitle = spec.docTitle ?? `Story ${storyId} Chapter ${chapter}, a ${layout.kind} | ${layout.name}`;
  const authorId = spec.authorId ?? '7654321';
  const titleHtml = spec.title === undefined ? '' : `<b class='xcontrast_txt'>${spec.title}</b>\n`;
  const textDiv = spec.noStoryTextId
    ? `<div class='chapter-body xcontrast_txt'>${spec.storyText}\n</div>`
    : `<div class='storytext xcontrast_txt nocopy' id='storytext' style='user-select: none; -webkit-user-select: none;'>${spec.storyText}\n</div>`;
  const html = `<!DOCTYPE html><html><head>
        <meta charset='utf-8'>
        <META NAME='ROBOTS' CONTENT='NOARCHIVE'>
        <META NAME='viewport' content='width=device-width'><link rel="canonical" href="//${layout.host}/s/${storyId}/${chapter}/${slug}">
<title>${docTitle}</title>
        <link rel='stylesheet' href='/static/styles/xss26.css'>
        <!-- scripts removed -->
        <style>
body { min-width:750px; height:100%; }
.maxwidth { min-width:730px;margin-left:auto;margin-right:auto;}
.nocopy { -webkit-user-select: none; -moz-user-select: none; -ms-user-select: none; user-select: none; }
        </style>${spec.head ?? ''}
</head><body style='background-color:#E4E3D5;margin-top:0px;'  >${spec.bodyStart ?? ''}
<div id=top style='width:100%;background-color: #333399; ' >
<div class='menulink maxwidth' style='padding:0.5em 10px 0.5em 10px; vertical-align:middle;'>
<span id=name_login class=pull-right><a href='/login.php' style='color:white;'>Login</a> | <a href='/signup.php' style='color:white;'>Sign Up</a></span><a href='/' style='font-size:1.1em;border:none;'>${layout.name}</a>&#160;&#160;<small>|</small>&#160;&#160;unleash your imagination</div>
</div>
<div style='width:100%;' class=xcontrast_outer id=content_parent><div class='xcontrast maxwidth' id=content_wrapper style='background-color: white;'><div id=content_wrapper_inner style='padding:0.5em;'>
<div style='margin-bottom: 10px' class='lc-wrapper' id=pre_story_links><span class=lc-left>${layout.crumbs}<span class='xcontrast_txt icon-chevron-right xicon-section-arrow'></span><a class=xcontrast_txt href="${layout.category}">${spec.fandom ?? (spec.site === 'fp' ? 'Fantasy' : 'Harry Potter')}</a>
</span>
</div>
<div id=profile_top style='min-height:112px;'><button class='btn pull-right icon-heart' type=button onClick='$("#follow_area").modal();'> Follow/Fav</button>${titleHtml}<span class='xcontrast_txt'><div style='height:5px'></div>By:</span> <a class='xcontrast_txt' href='/u/${authorId}/author'>${spec.author}</a> <span class='icon-mail-1  xcontrast_txt' ></span>
<div style='margin-top:2px' class='xcontrast_txt'>${spec.summary}</div>
<span class='xgray xcontrast_txt'>${meta}</span>
</div>
<div align=center class='lc-wrapper' style='margin-top:2em' ;'><div class='lc'><span class='xcontrast_txt icon-tl-contrast' onclick="toggleTheme();" title="Story Contrast"></span></div></div>
    <span style='float:right; ' >${nav}</span><div style='height:5px'></div>

<div role='main' aria-label='story content' class='storytextp' id='storytextp'  align=center style='padding:0 0.5em 0 0.5em;-webkit-user-select:none;user-select:none;'>
${textDiv}
</div><div style='height:5px'></div>${spec.afterText ?? ''}<div style='clear:both;text-align:right;'>${nav}</div><div style='height:5px'></div>
<div id=review>
<table border=0 padding=0 cellspacing=0 style='width:100%;'><tr><td valign=top>
            <textarea class='input-block-level' rows=10 placeholder="Type your review for this chapter here..." name=review id=review_review></textarea>
            <button type='button' class='btn icon-edit-1' onClick='post_review();' id=review_postbutton>Post Review</button>
</td></tr></table>
</div>
        <div style='height:5px'></div></div></div></div><div id=p_footer class=maxwidth style='clear:all;padding:1em 0 1em 0;'><div style='text-align:center'><a href='/support/'>Help</a> . <a href='/privacy/'>Privacy</a> . <a href='/tos/'>Terms of Service</a>  . <a href='#top'>Top</a></div></div>${spec.bodyEnd ?? ''}
        </body></html>
`;
  return { site: spec.site ?? 'ffn', url: ffnUrl(spec), html };
}

// ---------------------------------------------------------------------------------------------------------
// Archive of Our Own

export interface Ao3Chapter {
  /** AO3 chapter id (digits). */
  id: string;
  /** Inner HTML of the `h3.title` after the "Chapter N" link (e.g. ": The Title"). */
  title?: string;
  /** Overrides the `href` of the "Chapter N" link in `h3.title`. */
  titleHref?: string;
  summary?: string;
  notes?: string;
  endNotes?: string;
  /** Inner HTML of the chapter's `div.userstuff` (after its hidden "Chapter Text" heading). */
  text: string;
}

export interface Ao3Spec {
  workId: string;
  /** The page URL; defaults to the work URL, or the chapter URL when `current` is set and not full work. */
  url?: string;
  /** Every chapter (menu); those shown are `chapters` when `fullWork`, else `chapters[current]`. */
  chapters: Ao3Chapter[];
  /** Index of the chapter shown on a chapter page. */
  current?: number;
  fullWork?: boolean;
  /** A work posted as one unchaptered text: `h3.landmark#work` then `div.userstuff` (uses `chapters[0].text`). */
  unchaptered?: boolean;
  /** `<title>` content. */
  docTitle?: string;
  head?: string;
  bodyStart?: string;
  /** Inner HTML of `h2.title`. */
  title: string;
  /** Inner HTML of `h3.byline`; defaults to one author link. */
  byline?: string;
  /** Tag lists; each entry is the inner HTML of one `a.tag`. */
  tags?: Partial<Record<'rating' | 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform', string[]>>;
  /** Stats `dd.chapters`, e.g. "2/3"; defaults to "{n}/{n}". */
  chapterStat?: string;
  summary?: string;
  notes?: string;
  endNotes?: string;
  /** The creator's work skin (CSS, inside `div#work-skin > style`). */
  workSkin?: string;
  /** Overrides the `href` of the "Next Chapter" link in the actions bar. */
  nextHref?: string;
  /** Markup after `div#workskin` (around the extracted parts). */
  afterWorkskin?: string;
  bodyEnd?: string;
  /** Leave out `div#workskin` (the adapter will not recognise the page: the Readability fallback runs). */
  noWorkskin?: boolean;
}

const TAG_KINDS = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'] as const;
const TAG_LABELS: Record<(typeof TAG_KINDS)[number], string> = {
  rating: 'Rating:',
  warning: 'Archive Warnings:',
  category: 'Category:',
  fandom: 'Fandoms:',
  relationship: 'Relationships:',
  character: 'Characters:',
  freeform: 'Additional Tags:',
};
const DEFAULT_TAGS: Record<(typeof TAG_KINDS)[number], string[]> = {
  rating: ['Teen And Up Audiences'],
  warning: ['No Archive Warnings Apply'],
  category: ['Gen'],
  fandom: ['Original Work'],
  relationship: [],
  character: ['Original Characters'],
  freeform: ['Found Family'],
};

export function ao3Url(spec: Pick<Ao3Spec, 'workId' | 'url' | 'chapters' | 'current' | 'fullWork' | 'unchaptered'>): string {
  if (spec.url) return spec.url;
  const base = `https://archiveofourown.org/works/${spec.workId}`;
  if (spec.fullWork) return `${base}?view_full_work=true`;
  const chapter = spec.current !== undefined ? spec.chapters[spec.current] : undefined;
  return chapter && !spec.unchaptered ? `${base}/chapters/${chapter.id}` : base;
}

function module(kind: 'summary' | 'notes', inner: string | undefined, id?: string): string {
  if (inner === undefined) return '';
  const label = kind === 'summary' ? 'Summary:' : 'Notes:';
  return `<div${id ? ` id="${id}"` : ''} class="${kind} module">\n<h3 class="heading">${label}</h3>\n<blockquote class="userstuff">${inner}</blockquote>\n</div>\n`;
}

function ao3Chapter(spec: Ao3Spec, ch: Ao3Chapter, index: number): string {
  const n = index + 1;
  const href = ch.titleHref ?? `/works/${spec.workId}/chapters/${ch.id}`;
  const end =
    ch.endNotes === undefined
      ? ''
      : `<div class="chapter preface group">\n<div id="chapter_${n}_endnotes" class="end notes module">\n<h3 class="heading">Notes:</h3>\n<blockquote class="userstuff">${ch.endNotes}</blockquote>\n</div>\n</div>\n`;
  return `<div class="chapter" id="chapter-${n}">
<div class="chapter preface group">
<h3 class="title">
<a href="${href}">Chapter ${n}</a>${ch.title ?? ''}
</h3>
${module('summary', ch.summary, 'summary')}${module('notes', ch.notes, 'notes')}</div>
<!--main content-->
<div class="userstuff module" role="article">
<h3 class="landmark heading" id="work">Chapter Text</h3>
${ch.text}
</div>
<!--/main-->
${end}</div>
`;
}

export function ao3Page(spec: Ao3Spec): BuiltPage {
  const url = ao3Url(spec);
  const w = spec.workId;
  const current = spec.current ?? 0;
  const shown = spec.unchaptered ? [] : spec.fullWork ? spec.chapters : spec.chapters.slice(current, current + 1);
  const multi = spec.chapters.length > 1;
  const cur = spec.chapters[current];
  const prevCh = spec.chapters[current - 1];
  const nextCh = spec.chapters[current + 1];
  const chapterNav =
    multi && !spec.fullWork
      ? `<li class="chapter entire"><a href="/works/${w}?view_full_work=true">Entire Work</a></li>
${prevCh ? `<li class="chapter previous"><a href="/works/${w}/chapters/${prevCh.id}#workskin">← Previous Chapter</a></li>\n` : ''}${nextCh || spec.nextHref ? `<li class="chapter next"><a href="${spec.nextHref ?? `/works/${w}/chapters/${nextCh?.id ?? ''}#workskin`}">Next Chapter →</a></li>\n` : ''}<li class="chapter"><noscript><a href="/works/${w}/navigate">Chapter Index</a></noscript><button class="hidden">Chapter Index</button>
<ul id="chapter_index" class="expandable secondary hidden">
<li><form action="/works/${w}/chapters/${cur?.id ?? ''}" accept-charset="UTF-8" method="get"><p><select name="selected_id" id="selected_id">${spec.chapters
          .map((c, i) => `<option ${i === current ? 'selected="selected" ' : ''}value="${c.id}">${i + 1}. Chapter ${i + 1}</option>`)
          .join('\n')}</select> <span class="submit actions"><input type="submit" value="Go" /></span></p></form></li>
<li><a href="/works/${w}/navigate">Full-page index</a></li>
</ul>
</li>
`
      : multi
        ? `<li class="chapter bychapter"><a href="/works/${w}/chapters/${spec.chapters[0]?.id ?? ''}#workskin">Chapter by Chapter</a></li>\n`
        : '';
  const tags = { ...DEFAULT_TAGS, ...spec.tags };
  const meta = TAG_KINDS.filter((k) => tags[k].length > 0)
    .map(
      (k) =>
        `<dt class="${k} tags">${TAG_LABELS[k]}</dt>\n<dd class="${k} tags"><ul class="commas">${tags[k]
          .map((t, i) => `<li><a class="tag" href="/tags/${k}-${i}/works">${t}</a></li>`)
          .join('')}</ul></dd>`,
    )
    .join('\n');
  const n = spec.chapters.length;
  const body = spec.unchaptered
    ? `<h3 class="landmark heading" id="work">Work Text:</h3>\n<div class="userstuff">${spec.chapters[0]?.text ?? ''}\n</div>\n`
    : shown.map((ch) => ao3Chapter(spec, ch, spec.chapters.indexOf(ch))).join('\n');
  const afterword =
    spec.endNotes === undefined
      ? ''
      : `<div class="afterword preface group">\n<div id="work_endnotes" class="end notes module">\n<h3 class="heading">Notes:</h3>\n<blockquote class="userstuff">${spec.endNotes}</blockquote>\n</div>\n</div>\n`;
  const firstShown = spec.fullWork || spec.unchaptered || current === 0;
  const workskin = spec.noWorkskin
    ? `<div class="work-body">\n<h2>${spec.title}</h2>\n${body}</div>\n`
    : `<div id="workskin">
<div class="preface group">
<h2 class="title heading">
${spec.title}
</h2>
<h3 class="byline heading">
${spec.byline ?? `<a rel="author" href="/users/paperlantern/pseuds/paperlantern">paperlantern</a>`}
</h3>
${firstShown ? module('summary', spec.summary) + module('notes', spec.notes) : ''}</div>
<div id="chapters" role="article">
${body}</div>
${afterword}</div>
`;
  const html = `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head>
<meta charset="utf-8" />
<!-- scripts removed -->
<meta name="description" content="An Archive of Our Own, a project of the Organization for Transformative Works" />
<meta name="author" content="Organization for Transformative Works" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>
${spec.docTitle ?? `Work ${w} - paperlantern - Original Work [Archive of Our Own]`}
</title>
<link rel="stylesheet" type="text/css" media="screen" href="/stylesheets/skins/skin_873_archive_2_0/1_site_screen_.css" />
<meta name="csrf-token" content="placeholder-token" />${spec.head ?? ''}
</head>
<body class="logged-out">${spec.bodyStart ?? ''}
<div id="outer" class="wrapper">
<ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
<header id="header" class="region">
<h1 class="heading"><a href="/"><span>Archive of Our Own</span></a></h1>
<nav aria-label="Site"><ul class="primary navigation actions"><li class="search"><form class="search" id="search" action="/works/search" accept-charset="UTF-8" method="get"><fieldset><p><input class="text" id="site_search" type="text" name="work_search[query]" /><span class="submit actions"><input type="submit" value="Search" class="button" /></span></p></fieldset></form></li></ul></nav>
<div class="clear"></div>
</header>
<div id="inner" class="wrapper">
<div id="main" class="${spec.fullWork || !multi ? 'works-show' : 'chapters-show'} region" role="main">
<div class="flash"></div>
<div class="work">
<h3 class="landmark heading">Actions</h3>
<ul class="work navigation actions">
${chapterNav}<li class="comments" id="show_comments_link_top"><a href="#comments">Comments</a></li>
<li class="download"><noscript><h4 class="heading">Download</h4></noscript><button class="hidden">Download</button>
<ul class="expandable secondary"><li><a href="/downloads/${w}/Work.epub?updated_at=1700000000">EPUB</a></li></ul>
</li>
</ul>
<h3 class="landmark heading">Work Header</h3>
<div class="wrapper">
<dl class="work meta group">
${meta}
<dt class="language">Language:</dt>
<dd class="language" lang="en">
English
</dd>
<dt class="stats">Stats:</dt>
<dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2023-05-01</dd><dt class="status">Updated:</dt><dd class="status">2023-06-10</dd><dt class="words">Words:</dt><dd class="words">12,345</dd><dt class="chapters">Chapters:</dt><dd class="chapters">${spec.chapterStat ?? `${n}/${n}`}</dd><dt class="kudos">Kudos:</dt><dd class="kudos">230</dd><dt class="hits">Hits:</dt><dd class="hits">4096</dd></dl></dd>
</dl>
</div>
${spec.workSkin === undefined ? '' : `<div id="work-skin"><style type="text/css">\n${spec.workSkin}\n</style></div>\n`}<!-- BEGIN section where work skin applies -->
${workskin}<!-- END work skin -->
${spec.afterWorkskin ?? ''}<div id="feedback" class="feedback">
<ul class="actions" role="navigation"><li><a href="#main">↑ Top</a></li></ul>
<div id="kudos"><p class="kudos"><a href="/users/reader_one">reader_one</a> and <a href="/users/reader_two">reader_two</a> left kudos on this work!</p></div>
</div>
</div>
</div>
</div>
<footer id="footer" role="contentinfo" class="region">
<ul class="navigation actions" role="navigation"><li><a href="/site_map">Site Map</a></li><li><a href="/tos">Terms of Service</a></li></ul>
</footer>
</div>${spec.bodyEnd ?? ''}
</body>
</html>
`;
  return { site: 'ao3', url, html };
}

// ---------------------------------------------------------------------------------------------------------
// Random pages

const WORDS = (
  'the lantern road moth quiet map river ink cartographer apprentice morning letter window candle storm ' +
  'harbour whisper silver thread garden key door stone bridge winter summer shadow bright hollow echo ' +
  'said asked ran walked laughed turned looked waited remembered forgot carried opened closed'
).split(' ');
const UNICODE_BITS = [
  'é',
  'ß',
  'Ж',
  '中文',
  'العربية',
  'עברית',
  '😀',
  '👩‍👩‍👧',
  '\u200b',
  '\u00a0',
  '—',
  '…',
  '“',
  '”',
  '\u202e',
  'ﬁ',
  '\ufeff',
];
const INLINE = ['em', 'strong', 'i', 'b', 'u', 's', 'span', 'sup', 'sub', 'small', 'code', 'a', 'abbr', 'mark', 'font', 'q'];

export function randomWords(rng: Rng, min: number, max: number): string {
  const n = rng.between(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.chance(0.04) ? rng.pick(UNICODE_BITS) : rng.pick(WORDS));
  return out.join(' ');
}

function randomInline(rng: Rng, text: string): string {
  if (!rng.chance(0.3)) return text;
  const tag = rng.pick(INLINE);
  const attrs = tag === 'a' ? ` href="${rng.pick(['https://example.org/ref', '/s/1/2/', '#fn1', '../up', 'ref'])}"` : '';
  const words = text.split(' ');
  const at = rng.int(words.length);
  words[at] = `<${tag}${attrs}>${words[at] ?? ''}</${tag}>`;
  return words.join(' ');
}

/** A random chapter body: paragraphs, breaks, notes, lists, quotes, `<br>` runs, with optional extras. */
export function randomStoryText(rng: Rng, extras: readonly string[] = []): string {
  const blocks: string[] = [];
  const n = rng.between(1, 40);
  if (rng.chance(0.3)) blocks.push(`<p>${rng.pick(['A/N:', "Author's note:", 'Disclaimer:', 'AN -'])} ${randomWords(rng, 3, 20)}</p>`);
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted<string>([
      ['p', 20],
      ['break', 2],
      ['hr', 1],
      ['br', 2],
      ['quote', 1],
      ['list', 1],
      ['center', 1],
      ['div', 2],
      ['bare', 2],
    ]);
    const words = randomInline(rng, randomWords(rng, 1, 60));
    if (kind === 'p') blocks.push(`<p>${words}</p>`);
    else if (kind === 'break')
      blocks.push(`<p${rng.chance(0.5) ? ' style="text-align:center;"' : ''}>${rng.pick(['* * *', '~~~', 'xXx', '-o-', '#', '...'])}</p>`);
    else if (kind === 'hr') blocks.push('<hr size=1 noshade>');
    else if (kind === 'br') blocks.push(`${words}<br><br>${randomWords(rng, 1, 20)}<br>`);
    else if (kind === 'quote') blocks.push(`<blockquote><p>${words}</p></blockquote>`);
    else if (kind === 'list') blocks.push(`<ul><li>${words}</li><li>${randomWords(rng, 1, 8)}</li></ul>`);
    else if (kind === 'center') blocks.push(`<center>${words}</center>`);
    else if (kind === 'div') blocks.push(`<div>${words}<p>${randomWords(rng, 1, 10)}</p></div>`);
    else blocks.push(words);
  }
  for (const extra of extras) blocks.splice(rng.int(blocks.length + 1), 0, extra);
  return blocks.join('\n');
}

function digits(rng: Rng, min: number, max: number): string {
  return String(rng.between(min, max));
}

/** Puts each of `extras` in the slot `slot()` draws for it: `placed` by slot, `put(slot)` their HTML joined. */
function scatter(extras: readonly string[], slot: () => string) {
  const placed: Record<string, string[]> = {};
  for (const e of extras) {
    const at = slot();
    placed[at] = [...(placed[at] ?? []), e];
  }
  return { placed, put: (k: string) => (placed[k] ?? []).join('') };
}

/**
 * A random chapter page of fanfiction.net's layout (on FictionPress when `site` says so); `extras` are
 * inserted into its parts (story text, summary, title...).
 */
export function randomFfnPage(rng: Rng, extras: readonly string[] = [], site: FfnSpec['site'] = 'ffn'): BuiltPage {
  const count = rng.chance(0.4) ? 1 : rng.between(2, 30);
  const chapter = rng.between(1, count);
  const slot = () =>
    rng.weighted<'text' | 'summary' | 'title' | 'author' | 'option' | 'after' | 'head'>([
      ['text', 10],
      ['summary', 3],
      ['title', 1],
      ['author', 1],
      ['option', 1],
      ['after', 1],
      ['head', 1],
    ]);
  const { placed, put } = scatter(extras, slot);
  const chapters =
    count > 1 ? Array.from({ length: count }, (_, i) => `${i + 1}. ${randomWords(rng, 1, 4)}${i === 0 ? put('option') : ''}`) : [];
  const mobile = rng.chance(0.1);
  const spec: FfnSpec = {
    site,
    storyId: digits(rng, 1, 99999999),
    chapter,
    slug: rng.pick(['The-Lantern-Road', 'Small-Hours', '', 'A-b-C', 'x']),
    author: randomWords(rng, 1, 2) + put('author'),
    summary: randomWords(rng, 0, 40) + put('summary'),
    chapters,
    storyText: randomStoryText(rng, placed.text ?? []),
    afterText: put('after'),
    head: put('head'),
    noButtons: rng.chance(0.2),
    noStoryTextId: rng.chance(0.08),
  };
  if (!rng.chance(0.1)) spec.title = randomWords(rng, 1, 6) + put('title');
  if (rng.chance(0.1)) spec.meta = randomWords(rng, 0, 30).replace(/ /g, rng.pick([' - ', ': ', ' ']));
  const page = ffnPage(spec);
  if (mobile) page.url = page.url.replace('https://www.', 'https://m.');
  return page;
}

/** A random AO3 page (chapter page, full work or unchaptered work); `extras` go into its parts. */
export function randomAo3Page(rng: Rng, extras: readonly string[] = []): BuiltPage {
  const count = rng.chance(0.4) ? 1 : rng.between(2, 12);
  const slot = () =>
    rng.weighted<'text' | 'summary' | 'notes' | 'endNotes' | 'title' | 'byline' | 'tag' | 'chapterNotes' | 'after' | 'skin'>([
      ['text', 10],
      ['summary', 2],
      ['notes', 2],
      ['endNotes', 1],
      ['title', 1],
      ['byline', 1],
      ['tag', 1],
      ['chapterNotes', 2],
      ['after', 1],
      ['skin', 1],
    ]);
  const { placed, put } = scatter(extras, slot);
  const firstId = rng.between(1, 90000000);
  const chapters: Ao3Chapter[] = Array.from({ length: count }, (_, i) => {
    const ch: Ao3Chapter = { id: String(firstId + i), text: randomStoryText(rng, i === 0 ? (placed.text ?? []) : []) };
    if (rng.chance(0.6)) ch.title = `: ${randomWords(rng, 1, 4)}`;
    if (rng.chance(0.3)) ch.summary = `<p>${randomWords(rng, 1, 20)}</p>`;
    if (rng.chance(0.4) || (i === 0 && placed.chapterNotes))
      ch.notes = `<p>${randomWords(rng, 1, 20)}</p>${i === 0 ? put('chapterNotes') : ''}`;
    if (rng.chance(0.3)) ch.endNotes = `<p>${randomWords(rng, 1, 20)}</p>`;
    return ch;
  });
  const spec: Ao3Spec = {
    workId: digits(rng, 1, 99999999),
    chapters,
    current: rng.int(count),
    fullWork: count > 1 && rng.chance(0.3),
    unchaptered: count === 1 && rng.chance(0.5),
    title: randomWords(rng, 1, 6) + put('title'),
    tags: { freeform: [randomWords(rng, 1, 3) + put('tag'), randomWords(rng, 1, 3)] },
    chapterStat: rng.chance(0.2) ? `${count}/?` : `${count}/${count + rng.int(3)}`,
    afterWorkskin: put('after'),
    noWorkskin: rng.chance(0.08),
  };
  if (placed.byline) spec.byline = `<a rel="author" href="/users/x/pseuds/x">${randomWords(rng, 1, 2)}</a>${put('byline')}`;
  if (rng.chance(0.7) || placed.summary) spec.summary = `<p>${randomWords(rng, 1, 30)}</p>${put('summary')}`;
  if (rng.chance(0.5) || placed.notes) spec.notes = `<p>${randomWords(rng, 1, 30)}</p>${put('notes')}`;
  if (rng.chance(0.3) || placed.endNotes) spec.endNotes = `<p>${randomWords(rng, 1, 30)}</p>${put('endNotes')}`;
  if (placed.skin) spec.workSkin = `#workskin p { color: red }</style>${put('skin')}<style>`;
  const page = ao3Page(spec);
  if (rng.chance(0.1))
    page.url = page.url.replace('archiveofourown.org', rng.pick(['archiveofourown.net', 'ao3.org', 'archiveofourown.gay']));
  return page;
}
