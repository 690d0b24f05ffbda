import type { ComponentChildren } from 'preact';

export interface LibrarySectionProps {
  /** The section's class, and the stem of its heading's id (`<name>-heading`), which labels it. */
  name: string;
  heading: string;
  children: ComponentChildren;
}

/** One section under the library's list (sites, sync, backup): a region named by its own heading. */
export function LibrarySection({ name, heading, children }: LibrarySectionProps) {
  const headingId = `${name}-heading`;
  return (
    <section class={`library-section ${name}`} aria-labelledby={headingId}>
      <h2 id={headingId} class="notes-heading">
        {heading}
      </h2>
      {children}
    </section>
  );
}
