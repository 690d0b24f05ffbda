/**
 * The book's stylesheet: spacing, notes set apart, scene breaks, alignment classes. Fonts, sizes and colours
 * are left to the e-reader, whose settings the reader chose there.
 */
export const STYLESHEET = `body { margin: 0 5%; line-height: 1.5; }
h1 { font-size: 1.5em; margin: 1.5em 0 1em; }
h2 { font-size: 1.2em; }
p { margin: 0 0 0.8em; }
hr.scene-break { border: none; margin: 1.5em 0; text-align: center; }
hr.scene-break::after { content: "* * *"; }
p.scene-break { text-align: center; }
p.author-note { font-style: italic; }
.notes, .note { margin: 1.5em 0; }
.note { border-left: 0.2em solid #999; padding-left: 0.8em; }
.note-kind { font-weight: bold; margin-bottom: 0.3em; }
.authors, .fandoms { font-style: italic; }
.summary { margin: 1.5em 0; }
blockquote { margin: 1em 2em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
`;
