import { generateStoryText } from '../lib/story/generate';

/**
 * A generated AO3 full-work page ("Entire Work" view) of about `words` words, in the page structure of
 * test/fixtures/ao3/full-work/source.html: header, work meta, #workskin with preface, one div.chapter per
 * chapter (preface, userstuff text), afterword, kudos and comment form, footer. Built at run time, never
 * committed; the text is bench/generate.ts's, split at its "Chapter N" lines.
 */
export const AO3_WORK = { id: '9100000', words: 100_000 };
export const AO3_WORK_URL = `http://archiveofourown.org/works/${AO3_WORK.id}?view_full_work=true`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ao3WorkChapters(words = AO3_WORK.words): string[][] {
  const text = generateStoryText(words, 11);
  return text
    .split(/^Chapter \d+$/m)
    .map((body) =>
      body
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((paragraphs) => paragraphs.length > 0);
}

export function ao3FullWorkPage(words = AO3_WORK.words, id = AO3_WORK.id): string {
  const parts = ao3WorkChapters(words);
  const count = parts.length;
  const body = parts
    .map((paragraphs, i) => {
      const n = i + 1;
      const chapterId = 30_000_000 + n;
      return `<div class="chapter" id="chapter-${n}">
<div class="chapter preface group">
<h3 class="title">
<a href="/works/${id}/chapters/${chapterId}">Chapter ${n}</a>: Lantern ${n}
</h3>
<div id="notes" class="notes module">
<h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Generated chapter notes for chapter ${n}.</p></blockquote>
</div>
</div>
<!--main content-->
<div class="userstuff module" role="article">
<h3 class="landmark heading" id="work">Chapter Text</h3>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</div>
<!--/main-->
</div>`;
    })
    .join('\n\n');
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head>
<meta charset="utf-8" />
<meta name="language" content="en-US" />
<meta name="description" content="An Archive of Our Own, a project of the Organization for Transformative Works" />
<meta name="author" content="Organization for Transformative Works" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>
The Long Lantern Road - benchwriter - Original Work [Archive of Our Own]
</title>
</head>
<body class="logged-out">
<div id="outer" class="wrapper">
<ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
<header id="header" class="region">
<h1 class="heading"><a href="/"><span>Archive of Our Own</span> <sup> beta</sup></a></h1>
<nav aria-label="Site">
<ul class="primary navigation actions">
<li class="dropdown"><a href="/menu/fandoms">Fandoms</a></li>
<li class="dropdown"><a href="/menu/browse">Browse</a></li>
<li class="search"><form class="search" id="search" action="/works/search" accept-charset="UTF-8" method="get"><fieldset><p><label class="landmark" for="site_search">Work Search</label><input class="text" id="site_search" type="text" name="work_search[query]" /><span class="submit actions"><input type="submit" value="Search" class="button" /></span></p></fieldset></form></li>
</ul>
</nav>
</header>
<div id="inner" class="wrapper">
<div id="main" class="works-show region" role="main">
<div class="work">
<ul class="work navigation actions">
<li class="chapter bychapter"><a href="/works/${id}/chapters/30000001">Chapter by Chapter</a></li>
</ul>
<div class="wrapper">
<dl class="work meta group">
<dt class="rating tags">Rating:</dt>
<dd class="rating tags"><ul class="commas"><li><a class="tag" href="/tags/General%20Audiences/works">General Audiences</a></li></ul></dd>
<dt class="warning tags">Archive Warnings:</dt>
<dd class="warning tags"><ul class="commas"><li><a class="tag" href="/tags/No%20Archive%20Warnings%20Apply/works">No Archive Warnings Apply</a></li></ul></dd>
<dt class="fandom tags">Fandoms:</dt>
<dd class="fandom tags"><ul class="commas"><li><a class="tag" href="/tags/Original%20Work/works">Original Work</a></li></ul></dd>
<dt class="language">Language:</dt>
<dd class="language" lang="en">
English
</dd>
<dt class="stats">Stats:</dt>
<dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2023-01-01</dd><dt class="status">Completed:</dt><dd class="status">2023-12-31</dd><dt class="words">Words:</dt><dd class="words">${words.toLocaleString('en')}</dd><dt class="chapters">Chapters:</dt><dd class="chapters">${count}/${count}</dd><dt class="kudos">Kudos:</dt><dd class="kudos">1000</dd></dl></dd>
</dl>
</div>
<div id="workskin">
<div class="preface group">
<h2 class="title heading">
The Long Lantern Road
</h2>
<h3 class="byline heading">
<a rel="author" href="/users/benchwriter/pseuds/benchwriter">benchwriter</a>
</h3>
<div class="summary module">
<h3 class="heading">Summary:</h3>
<blockquote class="userstuff">
<p>A generated work of about ${words.toLocaleString('en')} words for the benchmark.</p>
</blockquote>
</div>
</div>
<div id="chapters" role="article">
${body}
</div>
<div class="afterword preface group">
<div id="work_endnotes" class="end notes module">
<h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Generated work end notes.</p></blockquote>
</div>
</div>
</div>
<div id="feedback" class="feedback">
<ul class="actions" role="navigation"><li><a href="#main">↑ Top</a></li></ul>
<h3 class="landmark heading"><a id="comments"></a>Comments</h3>
<div id="add_comment"><form class="new_comment" action="/works/${id}/comments" method="post"><fieldset><textarea name="comment[comment_content]"></textarea><input type="submit" name="commit" value="Comment" /></fieldset></form></div>
</div>
</div>
</div>
</div>
<footer id="footer" role="contentinfo" class="region">
<ul class="navigation actions" role="navigation"><li><a href="/site_map">Site Map</a></li></ul>
</footer>
</div>
</body>
</html>`;
}
