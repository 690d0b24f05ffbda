/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// (The pragmas let scripts/fuzz.ts, run by jiti, load this file too: it checks what this renderer draws.)
import type { ComponentChildren } from 'preact';
import { SPAN_TAG, type Align, type Block, type Span, type TableCell } from '../lib/doc/model';
import { t } from './i18n';

/**
 * Called with the element drawn for each anchorable block (`p` not null), as it is drawn: views keep their own
 * record of their paragraphs instead of reading `data-p` back.
 */
export type OnAnchor = (el: HTMLElement, p: number) => void;

export interface BlocksProps {
  blocks: readonly Block[];
  onAnchor?: OnAnchor;
}

/**
 * The one renderer of the document model (lib/doc/model.ts), for bundled stories and web pages alike. Text is
 * drawn as text; the only attributes are the model's own fields (an href or src the sanitizer kept, its
 * `user-content-` ids, `align`, spans and list starts) and `data-p` on every anchorable element.
 */
export function Blocks({ blocks, onAnchor }: BlocksProps) {
  return <>{blocks.map((b, i) => renderBlock(b, i, onAnchor))}</>;
}

function anchorRef(p: number | null, onAnchor: OnAnchor | undefined): ((el: HTMLElement | null) => void) | undefined {
  if (!onAnchor || p === null) return undefined;
  return (el) => {
    if (el) onAnchor(el, p);
  };
}

/** HTML's own `align` (what the sanitizer turned a page's `text-align` into): no style attribute in the view. */
function alignOf(align: Align | undefined): object {
  return align ? { align } : {};
}

function dataP(p: number | null) {
  return p === null ? undefined : p;
}

function renderBlock(block: Block, key: number, onAnchor: OnAnchor | undefined): ComponentChildren {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p key={key} {...alignOf(block.align)} id={block.id} data-p={dataP(block.p)} ref={anchorRef(block.p, onAnchor)}>
          {renderSpans(block.spans)}
        </p>
      );
    case 'heading': {
      const H = `h${block.level}` as 'h1';
      // A heading that is not one of the text's paragraphs opens a section (a bundled story's "II"): the
      // reader keeps it below its bar when it jumps there (components/anchor.ts).
      return (
        <H
          key={key}
          {...alignOf(block.align)}
          class={block.p === null ? 'section-heading' : undefined}
          id={block.id}
          data-p={dataP(block.p)}
          ref={anchorRef(block.p, onAnchor)}
        >
          {renderSpans(block.spans)}
        </H>
      );
    }
    case 'preformatted':
      return (
        <pre key={key} data-p={dataP(block.p)} ref={anchorRef(block.p, onAnchor)}>
          {renderSpans(block.spans)}
        </pre>
      );
    case 'scene-break':
      return <hr key={key} class="scene-break" aria-label={t('sceneBreak')} />;
    case 'quote':
      return <blockquote key={key}>{block.blocks.map((b, i) => renderBlock(b, i, onAnchor))}</blockquote>;
    case 'notes':
      // The same fold as the notes of a restyled chapter (Reader.tsx NoteBox), open.
      return (
        <details key={key} class="notes" open>
          <summary class="notes-heading">{block.label}</summary>
          <div class="note">{block.blocks.map((b, i) => renderBlock(b, i, onAnchor))}</div>
        </details>
      );
    case 'list': {
      const items = block.items.map((item, i) => tight('li', item, i, onAnchor));
      return block.ordered ? (
        <ol key={key} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return (
        <table key={key}>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>{row.map((cell, c) => renderCell(cell, c, onAnchor))}</tr>
            ))}
          </tbody>
        </table>
      );
    case 'media':
      return (
        <p key={key} {...alignOf(block.align)} data-p={dataP(block.p)} ref={anchorRef(block.p, onAnchor)}>
          {block.label}
          {block.href?.startsWith('https:') && (
            <>
              {' '}
              <a href={block.href} rel="noopener noreferrer">
                {block.href}
              </a>
            </>
          )}
        </p>
      );
  }
}

function renderCell(cell: TableCell, key: number, onAnchor: OnAnchor | undefined) {
  return tight(cell.header ? 'th' : 'td', cell.blocks, key, onAnchor, { colSpan: cell.colspan, rowSpan: cell.rowspan });
}

/**
 * A list item or table cell. One that holds a single paragraph is drawn as that paragraph (`<li data-p>`),
 * as the page had it; any other holds its blocks.
 */
function tight(
  Tag: 'li' | 'td' | 'th',
  blocks: readonly Block[],
  key: number,
  onAnchor: OnAnchor | undefined,
  attrs: { colSpan?: number | undefined; rowSpan?: number | undefined } = {},
) {
  const only = blocks.length === 1 ? blocks[0] : undefined;
  if (only?.kind === 'paragraph') {
    return (
      <Tag key={key} {...attrs} {...alignOf(only.align)} id={only.id} data-p={dataP(only.p)} ref={anchorRef(only.p, onAnchor)}>
        {renderSpans(only.spans)}
      </Tag>
    );
  }
  return (
    <Tag key={key} {...attrs}>
      {blocks.map((b, i) => renderBlock(b, i, onAnchor))}
    </Tag>
  );
}

function renderSpans(spans: readonly Span[]): ComponentChildren {
  return spans.map(renderSpan);
}

function renderSpan(span: Span, key: number): ComponentChildren {
  switch (span.kind) {
    case 'text':
      return span.text;
    case 'line-break':
      return <br key={key} />;
    case 'image':
      // The model is data (it may come back from storage): a source or link that is not the sanitizer's kind
      // is not drawn as one.
      if (!span.src.startsWith('https:')) return null;
      return (
        <img key={key} src={span.src} alt={span.alt} width={span.width} height={span.height} loading="lazy" referrerpolicy="no-referrer" />
      );
    case 'link':
      if (!/^https?:/i.test(span.href)) return renderSpans(span.spans);
      return (
        <a key={key} href={span.href} id={span.id} rel="noopener noreferrer">
          {renderSpans(span.spans)}
        </a>
      );
    case 'footnote-ref':
      return (
        <a key={key} href={`#${span.target}`} id={span.id}>
          {renderSpans(span.spans)}
        </a>
      );
    default: {
      const Tag = SPAN_TAG[span.kind];
      return <Tag key={key}>{renderSpans(span.spans)}</Tag>;
    }
  }
}
