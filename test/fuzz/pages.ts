/**
 * Page builders in fanfiction.net and AO3 structure (after the trimmed pages in test/fixtures/{ffn,ao3}/),
 * with a slot for every part a site adapter extracts, so the hostile fixtures and the fuzzer can put markup
 * exactly where the adapters will read it. Pure string building: each slot is inserted as raw HTML, nothing
 * is escaped (that is the point).
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
// Royal Road

export interface RoyalRoadSpec {
  fictionId: string;
  chapterId: string;
  slug: string;
  chapterSlug: string;
  /** The page URL; defaults to https://www.royalroad.com/fiction/{id}/{slug}/chapter/{id}/{chapterSlug}. */
  url?: string;
  /** Inner HTML of the story title `h2`, the chapter title `h1` and the author link. */
  title: string;
  chapterTitle: string;
  author: string;
  /** Inner HTML of `.chapter-inner.chapter-content`. */
  text: string;
  /** Inner HTML of the author's notes before and after the text (no portlet when absent). */
  noteBefore?: string;
  noteAfter?: string;
  /** The copy-protection class and the rule hiding it, in a `<style>` of the head (none when absent). */
  hiddenClass?: string;
  /** Previous / next chapter hrefs; a disabled button when absent. */
  prevHref?: string;
  nextHref?: string;
  head?: string;
  bodyStart?: string;
  /** Markup after the text (around the extracted parts). */
  afterText?: string;
  bodyEnd?: string;
  /** Leave out the chapter-content class (the adapter will not recognise the page). */
  noChapterContent?: boolean;
}

export function royalRoadUrl(spec: Pick<RoyalRoadSpec, 'fictionId' | 'chapterId' | 'slug' | 'chapterSlug' | 'url'>): string {
  return spec.url ?? `https://www.royalroad.com/fiction/${spec.fictionId}/${spec.slug}/chapter/${spec.chapterId}/${spec.chapterSlug}`;
}

function rrNote(inner: string | undefined): string {
  if (inner === undefined) return '';
  return `<div class="portlet solid author-note-portlet" id="note-${inner.length}">
<div class="portlet-title"><div class="caption"><i class="fa fa-sticky-note"></i><span class="caption-subject bold uppercase">A note from the author</span></div></div>
<div class="portlet-body author-note">${inner}</div>
</div>
`;
}

function rrNavButtons(spec: RoyalRoadSpec): string {
  const button = (label: string, href: string | undefined) =>
    href
      ? `<a class="btn btn-primary col-xs-12" href="${href}">${label} <br class="visible-xs" />Chapter</a>`
      : `<button class="btn btn-primary col-xs-12" disabled="disabled">${label} <br class="visible-xs" />Chapter</button>`;
  return `<div class="row nav-buttons">
<div class="col-xs-6 col-md-4 col-lg-3 col-xl-2">${button('Previous', spec.prevHref)}</div>
<div class="col-xs-6 col-md-4 col-md-offset-4 col-lg-3 col-lg-offset-6 col-xl-2 col-xl-offset-8">${button('Next', spec.nextHref)}</div>
</div>
`;
}

export function royalRoadPage(spec: RoyalRoadSpec): BuiltPage {
  const fictionPath = `/fiction/${spec.fictionId}/${spec.slug}`;
  const style = spec.hiddenClass
    ? `<style>
    .${spec.hiddenClass}{
        display: none;
        speak: never;
    }
</style>`
    : '';
  const rel = [
    spec.prevHref ? `<link rel="prev" href="${spec.prevHref}">` : '',
    spec.nextHref ? `<link rel="next" href="${spec.nextHref}">` : '',
  ].join('');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Chapter - Fiction | Royal Road</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="canonical" href="https://www.royalroad.com${fictionPath}/chapter/${spec.chapterId}/${spec.chapterSlug}" />
${rel}
<link href="/dist/vendor.css" rel="stylesheet" />
<!-- scripts removed -->
${style}${spec.head ?? ''}
</head>
<body class="page-container-bg-solid page-boxed">${spec.bodyStart ?? ''}
<div class="page-header navbar navbar-fixed-top"><div class="page-header-inner container"><div class="page-logo"><a href="/home"><img src="/dist/img/logo/rr-logo-gold-white-small.png" alt="Royal Road" class="logo-default"></a></div>
<ul class="nav navbar-nav"><li><a href="/fictions/best-rated">Best Rated</a></li><li><a href="/fictions/latest-updates">Latest Updates</a></li><li><a href="/account/login">Log In</a></li></ul></div></div>
<div class="page-container"><div class="page-content-wrapper"><div class="page-content"><div class="container">
<div class="row fic-header margin-bottom-40">
<div class="col-md-5 col-lg-6 text-center md-text-left fic-title">
<div class="col-lg-12">
<h1 class="font-white break-word">${spec.chapterTitle}</h1>
<a href="${fictionPath}" class="font-white"><h2 class="font-white inline-block">${spec.title}</h2></a>
<h3 class="font-white inline-block">by <a href="/profile/24680" class="font-white">${spec.author}</a></h3>
</div>
</div>
</div>
<div class="portlet light t-center-3 margin-bottom-0">
<div class="portlet-body">
${rrNavButtons(spec)}<hr />
<div class="portlet light t-center-3"><div class="bold uppercase text-center">Advertisement</div><div class="wide"></div></div>
${rrNote(spec.noteBefore)}<div class="${spec.noChapterContent ? 'chapter-body' : 'chapter-inner chapter-content'}">${spec.text}
</div>
${rrNote(spec.noteAfter)}${spec.afterText ?? ''}<hr />
${rrNavButtons(spec)}</div>
</div>
<div class="portlet light"><h3 class="caption-subject">Comments (12)</h3><div class="comments-container"><div class="comment"><div class="media-body"><h4 class="media-heading"><a href="/profile/13579">a reader</a></h4><div class="comment-content"><p>Placeholder comment of a reader.</p></div></div></div></div></div>
</div></div></div></div>
<div class="page-footer"><div class="container"><a href="/support/knowledgebase">Support</a> <a href="/tos">Terms</a></div></div>${spec.bodyEnd ?? ''}
</body>
</html>
`;
  return { site: 'royalroad', url: royalRoadUrl(spec), html };
}

// ---------------------------------------------------------------------------------------------------------
// XenForo 2 threadmarks reader (SpaceBattles, Sufficient Velocity, Questionable Questing)

export type ForumSiteId = 'spacebattles' | 'sufficientvelocity' | 'questionablequesting';

export const FORUM_HOSTS: Record<ForumSiteId, string> = {
  spacebattles: 'forums.spacebattles.com',
  sufficientvelocity: 'forums.sufficientvelocity.com',
  questionablequesting: 'forum.questionablequesting.com',
};

export interface ForumPost {
  /** Post id (digits). */
  id: string;
  /** Inner HTML of the threadmark label; a reply (no threadmark) when absent. */
  threadmark?: string;
  /** Inner HTML of the post's `.bbWrapper`. */
  body: string;
  /** Inner HTML of the signature's `.bbWrapper` (none when absent). */
  signature?: string;
  author?: string;
}

export interface ForumSpec {
  site: ForumSiteId;
  threadId: string;
  slug: string;
  /** 1-based reader page. */
  page: number;
  /** Reader pages in all. */
  pages: number;
  url?: string;
  /** Inner HTML of `h1.p-title-value`. */
  title: string;
  /** Inner HTML of the thread starter link. */
  author: string;
  posts: ForumPost[];
  head?: string;
  bodyStart?: string;
  /** Markup after the message list (around the extracted parts). */
  afterPosts?: string;
  bodyEnd?: string;
}

export function forumUrl(spec: Pick<ForumSpec, 'site' | 'threadId' | 'slug' | 'page' | 'url'>): string {
  return (
    spec.url ?? `https://${FORUM_HOSTS[spec.site]}/threads/${spec.slug}.${spec.threadId}/reader/${spec.page > 1 ? `page-${spec.page}` : ''}`
  );
}

function forumPost(spec: ForumSpec, post: ForumPost): string {
  const author = post.author ?? 'quietmoth';
  const header = post.threadmark
    ? `<div class="message-cell message-cell--threadmark-header">
<label class="threadmark-category">Threadmarks</label>
<span class="primary"><span class="threadmarkLabel">${post.threadmark}</span></span>
<div class="threadmark-nav"><a href="/threads/${spec.slug}.${spec.threadId}/threadmarks" class="threadmark-control threadmark-control--index">Index</a></div>
</div>`
    : '';
  return `<article class="message message--post${post.threadmark ? ' hasThreadmark' : ''} js-post js-inlineModContainer" data-author="${author}" data-content="post-${post.id}" id="js-post-${post.id}">
<span class="u-anchorTarget" id="post-${post.id}"></span>
${header}
<div class="message-inner">
<div class="message-cell message-cell--user"><section class="message-user"><div class="message-userDetails"><h4 class="message-name"><a href="/members/${author}.4242/" class="username" data-user-id="4242">${author}</a></h4><h5 class="userTitle message-userTitle">Verified Writer</h5></div></section></div>
<div class="message-cell message-cell--main"><div class="message-main js-quickEditTarget">
<header class="message-attribution message-attribution--split"><ul class="message-attribution-main listInline"><li class="u-concealed"><a href="/threads/${spec.slug}.${spec.threadId}/post-${post.id}" rel="nofollow"><time class="u-dt" datetime="2024-03-01T10:00:00+0000" data-time="1709287200">Mar 1, 2024</time></a></li></ul><ul class="message-attribution-opposite listInline"><li><a href="/threads/${spec.slug}.${spec.threadId}/post-${post.id}">#${post.id}</a></li></ul></header>
<div class="message-content js-messageContent">
<div class="message-userContent lbContainer js-lbContainer" data-lb-id="post-${post.id}">
<article class="message-body js-selectToQuote">
<div class="bbWrapper">${post.body}</div>
<div class="js-selectToQuoteEnd">&nbsp;</div>
</article>
</div>
${post.signature === undefined ? '' : `<aside class="message-signature"><div class="bbWrapper">${post.signature}</div></aside>`}
</div>
<footer class="message-footer"><div class="message-actionBar actionBar"><div class="actionBar-set actionBar-set--external"><a href="/posts/${post.id}/react?reaction_id=1" class="reaction actionBar-action">Like</a></div></div><div class="reactionsBar js-reactionsList is-active"><a class="reactionsBar-link" href="/posts/${post.id}/reactions">readers like this</a></div></footer>
</div></div>
</div>
</article>
`;
}

export function forumPage(spec: ForumSpec): BuiltPage {
  const host = FORUM_HOSTS[spec.site];
  const reader = `/threads/${spec.slug}.${spec.threadId}/reader/`;
  const pageHref = (n: number) => (n > 1 ? `${reader}page-${n}` : reader);
  const pageNav =
    spec.pages > 1
      ? `<nav class="pageNavWrapper pageNavWrapper--mixed"><div class="pageNav">${spec.page > 1 ? `<a href="${pageHref(spec.page - 1)}" class="pageNav-jump pageNav-jump--prev">Prev</a>` : ''}<ul class="pageNav-main">${Array.from(
          { length: spec.pages },
          (_, i) =>
            `<li class="pageNav-page${i + 1 === spec.page ? ' pageNav-page--current' : ''}"><a href="${pageHref(i + 1)}">${i + 1}</a></li>`,
        ).join(
          '',
        )}</ul>${spec.page < spec.pages ? `<a href="${pageHref(spec.page + 1)}" class="pageNav-jump pageNav-jump--next">Next</a>` : ''}</div></nav>`
      : '';
  const rel = [
    spec.page > 1 ? `<link rel="prev" href="https://${host}${pageHref(spec.page - 1)}" />` : '',
    spec.page < spec.pages ? `<link rel="next" href="https://${host}${pageHref(spec.page + 1)}" />` : '',
  ].join('');
  const html = `<!DOCTYPE html>
<html id="XF" lang="en-US" dir="LTR" data-app="public" data-template="threadmarks_reader" data-container-key="node-18" data-content-key="thread-${spec.threadId}" data-logged-in="false" class="has-no-js template-threadmarks_reader">
<head>
<meta charset="utf-8" />
<title>Thread | Reader</title>
<link rel="canonical" href="https://${host}${pageHref(spec.page)}" />
${rel}
<link rel="stylesheet" href="/css.php?css=public%3Anormalize.css&amp;s=1" />
<!-- scripts removed -->${spec.head ?? ''}
</head>
<body data-template="threadmarks_reader">${spec.bodyStart ?? ''}
<div class="p-pageWrapper" id="top">
<header class="p-header" id="header"><div class="p-header-inner"><div class="p-header-content"><div class="p-header-logo p-header-logo--image"><a href="/"><img src="/styles/logo.png" alt="Forum" /></a></div></div></div></header>
<div class="p-navSticky p-navSticky--primary"><nav class="p-nav"><div class="p-nav-inner"><div class="p-nav-opposite"><div class="p-navgroup p-account p-navgroup--guest"><a href="/login/" class="p-navgroup-link p-navgroup-link--textual p-navgroup-link--logIn" rel="nofollow">Log in</a><a href="/register/" class="p-navgroup-link p-navgroup-link--textual p-navgroup-link--register" rel="nofollow">Register</a></div></div></div></nav></div>
<div class="p-body"><div class="p-body-inner">
<ul class="p-breadcrumbs"><li><a href="/"><span>Forums</span></a></li><li><a href="/forums/creative-writing.18/"><span>Creative Writing</span></a></li></ul>
<div class="p-body-header"><div class="p-title "><h1 class="p-title-value">${spec.title}</h1></div>
<div class="p-description"><ul class="listInline listInline--bullet"><li><i class="fa--xf far fa-user" aria-hidden="true" title="Thread starter"></i><span class="u-srOnly">Thread starter</span><a href="/members/quietmoth.4242/" class="username u-concealed" dir="auto" data-user-id="4242">${spec.author}</a></li><li><a href="/threads/${spec.slug}.${spec.threadId}/" class="u-concealed"><time class="u-dt" datetime="2024-03-01T10:00:00+0000">Mar 1, 2024</time></a></li></ul></div></div>
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
<div class="block block--messages" data-xf-init="" data-type="post" data-href="/inline-mod/">
<div class="block-outer"><div class="block-outer-main">${pageNav}</div><div class="block-outer-opposite"><a href="/threads/${spec.slug}.${spec.threadId}/threadmarks" class="button--link button">Threadmarks</a></div></div>
<div class="block-container lbContainer"><div class="block-body js-replyNewMessageContainer">
${spec.posts.map((p) => forumPost(spec, p)).join('')}</div></div>
<div class="block-outer block-outer--after"><div class="block-outer-main">${pageNav}</div></div>
</div>
${spec.afterPosts ?? ''}<div class="block"><div class="block-container"><h3 class="block-header">Similar threads</h3><div class="block-body"><a href="/threads/another-story.999/">Another story</a></div></div></div>
<div class="blockMessage blockMessage--none">You must log in or register to reply here.</div>
</div></div></div>
</div></div>
<footer class="p-footer" id="footer"><div class="p-footer-inner"><ul class="p-footer-linkList"><li><a href="/help/terms/">Terms and rules</a></li><li><a href="/help/privacy-policy/">Privacy policy</a></li></ul></div></footer>
</div>${spec.bodyEnd ?? ''}
</body>
</html>
`;
  return { site: spec.site, url: forumUrl(spec), html };
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
    const kind = rng.weighted(Object.entries({ p: 20, break: 2, hr: 1, br: 2, quote: 1, list: 1, center: 1, div: 2, bare: 2 }));
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
function scatter<Slot extends string>(rng: Rng, extras: readonly string[], weights: Record<Slot, number>) {
  const slots = Object.entries(weights) as [Slot, number][];
  const placed: Partial<Record<Slot, string[]>> = {};
  for (const e of extras) {
    const at = rng.weighted(slots);
    placed[at] = [...(placed[at] ?? []), e];
  }
  return { placed, put: (k: Slot) => (placed[k] ?? []).join('') };
}

/**
 * A random chapter page of fanfiction.net's layout (on FictionPress when `site` says so); `extras` are
 * inserted into its parts (story text, summary, title...).
 */
export function randomFfnPage(rng: Rng, extras: readonly string[] = [], site: FfnSpec['site'] = 'ffn'): BuiltPage {
  const count = rng.chance(0.4) ? 1 : rng.between(2, 30);
  const chapter = rng.between(1, count);
  const { placed, put } = scatter(rng, extras, { text: 10, summary: 3, title: 1, author: 1, option: 1, after: 1, head: 1 });
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
  const { placed, put } = scatter(rng, extras, {
    text: 10,
    summary: 2,
    notes: 2,
    endNotes: 1,
    title: 1,
    byline: 1,
    tag: 1,
    chapterNotes: 2,
    after: 1,
    skin: 1,
  });
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

/** A random Royal Road chapter page, with or without notes, copy protection and neighbours. */
export function randomRoyalRoadPage(rng: Rng, extras: readonly string[] = []): BuiltPage {
  const { placed, put } = scatter(rng, extras, {
    text: 10,
    noteBefore: 2,
    noteAfter: 2,
    title: 1,
    chapterTitle: 1,
    author: 1,
    after: 1,
    head: 1,
  });
  const fictionId = digits(rng, 1, 999999);
  const hiddenClass = rng.chance(0.6) ? `c${rng.pick(['Mzk', 'Q2F', 'NjE', 'ZmE'])}${digits(rng, 100, 99999)}` : undefined;
  let text = randomStoryText(rng, placed.text ?? []);
  if (hiddenClass) {
    const blocks = text.split('\n');
    blocks.splice(rng.int(blocks.length + 1), 0, `<p class="${hiddenClass}">${randomWords(rng, 5, 15)} on Royal Road.</p>`);
    text = blocks.join('\n');
  }
  const link = (id: string) => `/fiction/${fictionId}/the-lantern-road/chapter/${id}/part-${id}`;
  const spec: RoyalRoadSpec = {
    fictionId,
    chapterId: digits(rng, 1, 9999999),
    slug: 'the-lantern-road',
    chapterSlug: rng.pick(['chapter-1', 'the-storm', 'x']),
    title: randomWords(rng, 1, 6) + put('title'),
    chapterTitle: rng.pick(['Chapter 3', 'Chapter 3: ', '3. ', '']) + randomWords(rng, 0, 5) + put('chapterTitle'),
    author: randomWords(rng, 1, 2) + put('author'),
    text,
    afterText: put('after'),
    head: put('head'),
    noChapterContent: rng.chance(0.08),
  };
  if (hiddenClass) spec.hiddenClass = hiddenClass;
  if (rng.chance(0.4) || placed.noteBefore) spec.noteBefore = `<p>${randomWords(rng, 1, 30)}</p>${put('noteBefore')}`;
  if (rng.chance(0.4) || placed.noteAfter) spec.noteAfter = `<p>${randomWords(rng, 1, 30)}</p>${put('noteAfter')}`;
  if (rng.chance(0.7)) spec.prevHref = link(digits(rng, 1, 9999999));
  if (rng.chance(0.7)) spec.nextHref = link(digits(rng, 1, 9999999));
  return royalRoadPage(spec);
}

/** bbCode-like post text: lines split by `<br />`, paragraphs by two, quotes, spoilers, rules. */
function randomBbText(rng: Rng, extras: readonly string[] = []): string {
  const pieces: string[] = [];
  const n = rng.between(1, 30);
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted(Object.entries({ para: 20, quote: 1, spoiler: 1, hr: 1, bold: 2 }));
    const words = randomInline(rng, randomWords(rng, 1, 50));
    if (kind === 'para') pieces.push(`${words}<br />\n${rng.chance(0.3) ? `${randomWords(rng, 1, 10)}<br />\n` : ''}<br />\n`);
    else if (kind === 'bold') pieces.push(`<b>${words}</b><br />\n<br />\n`);
    else if (kind === 'hr') pieces.push('<hr class="bbc-hr" />\n');
    else if (kind === 'quote')
      pieces.push(
        `<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote js-expandWatch"><div class="bbCodeBlock-title">someone said:</div><div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent js-expandContent">${words}</div><div class="bbCodeBlock-expandLink js-expandLink"><a role="button" tabindex="0">Click to expand...</a></div></div></blockquote>`,
      );
    else
      pieces.push(
        `<div class="bbCodeSpoiler"><button type="button" class="button bbCodeSpoiler-button" data-xf-click="toggle"><span class="button-text"><span>Spoiler: ${randomWords(rng, 1, 3)}</span></span></button><div class="bbCodeSpoiler-content"><div class="bbCodeBlock bbCodeBlock--spoiler"><div class="bbCodeBlock-content">${words}<br />\n<br />\n${randomWords(rng, 1, 20)}</div></div></div></div>`,
      );
  }
  for (const extra of extras) pieces.splice(rng.int(pieces.length + 1), 0, extra);
  return pieces.join('');
}

/** A random threadmarks reader page of one of the forums: threadmarked posts, sometimes a reply among them. */
export function randomForumPage(site: ForumSiteId): (rng: Rng, extras: readonly string[]) => BuiltPage {
  return (rng, extras = []) => {
    const { placed, put } = scatter(rng, extras, { body: 10, threadmark: 1, signature: 1, title: 1, author: 1, after: 1, head: 1 });
    const pages = rng.chance(0.4) ? 1 : rng.between(2, 9);
    const firstPost = rng.between(1, 9000000);
    const count = rng.between(1, 10);
    const posts: ForumPost[] = Array.from({ length: count }, (_, i) => {
      const post: ForumPost = {
        id: String(firstPost + i * 7),
        body: randomBbText(rng, i === 0 ? (placed.body ?? []) : []),
      };
      if (!(i > 0 && rng.chance(0.1)))
        post.threadmark = `${rng.pick(['Chapter 1', 'Chapter 2: ', 'Interlude: ', ''])}${randomWords(rng, 1, 4)}${i === 0 ? put('threadmark') : ''}`;
      if (rng.chance(0.3) || (i === 0 && placed.signature)) post.signature = `${randomWords(rng, 1, 10)}${i === 0 ? put('signature') : ''}`;
      return post;
    });
    return forumPage({
      site,
      threadId: digits(rng, 1, 999999),
      slug: rng.pick(['the-lantern-road', 'small-hours-worm-au', 'x']),
      page: rng.between(1, pages),
      pages,
      title: randomWords(rng, 1, 6) + put('title'),
      author: randomWords(rng, 1, 2) + put('author'),
      posts,
      afterPosts: put('after'),
      head: put('head'),
    });
  };
}
