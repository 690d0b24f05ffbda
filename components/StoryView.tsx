import type { CatalogEntry } from '../lib/catalog';
import { formatMinutes, formatWords } from '../lib/format';
import type { Note, NoteKind, Paragraph, Story } from '../lib/story/model';

const KIND_LABEL: Record<NoteKind, string> = {
  disclaimer: 'Disclaimer',
  warning: 'Warning',
  summary: 'Summary',
  'authors-note': "Author's note",
  copyright: 'Copyright',
};

export interface StoryViewProps {
  entry: CatalogEntry;
  story: Story;
}

/** The whole story: header, front matter, sections with scene breaks, end notes. */
export function StoryView({ entry, story }: StoryViewProps) {
  let n = 0; // paragraph number across the story: the anchor that progress is saved against
  return (
    <article class="story" lang="en" aria-labelledby="story-title">
      <header class="story-header">
        <h1 id="story-title">{entry.title}</h1>
        {!entry.titleIsAuthors && <p class="title-note">Display title: the author's own title is not known.</p>}
        <p class="story-meta">
          {entry.fandom} · {formatWords(story.words)} · {formatMinutes(story.readingMinutes)}
        </p>
      </header>
      {story.frontMatter.length > 0 && <Notes class="front-matter" heading="Before the story" notes={story.frontMatter} />}
      {story.sections.map((section) => (
        <section class="story-section" id={section.id} key={section.id} aria-label={section.heading ?? undefined}>
          {section.heading && <h2 class="section-heading">{section.heading}</h2>}
          {section.scenes.map((scene, i) => [
            i > 0 && <hr class="scene-break" key={`b${i}`} />,
            ...scene.paragraphs.map((p) => <Para p={p} n={n++} key={`p${n}`} />),
          ])}
        </section>
      ))}
      {story.endNotes.length > 0 && <Notes class="end-notes" heading="After the story" notes={story.endNotes} />}
    </article>
  );
}

function Para({ p, n }: { p: Paragraph; n: number }) {
  return <p data-p={n}>{p.spans.map((s) => (s.em ? <em class="telepathy">{s.text}</em> : s.text))}</p>;
}

function Notes(props: { class: string; heading: string; notes: Note[] }) {
  return (
    <aside class={`notes ${props.class}`} aria-label={props.heading}>
      <h2 class="notes-heading">{props.heading}</h2>
      {props.notes.map((note, i) => (
        <div class="note" key={i}>
          <span class="note-kind">{KIND_LABEL[note.kind]}</span>
          <p>{note.text}</p>
        </div>
      ))}
    </aside>
  );
}
