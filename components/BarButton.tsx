import type { ComponentChildren } from 'preact';

/** A plain action button in the library's and the reader's rows of actions (styled by `.bar-button`). */
export function BarButton({ onClick, children }: { onClick: (e: Event) => void; children: ComponentChildren }) {
  return (
    <button type="button" class="bar-button" onClick={onClick}>
      {children}
    </button>
  );
}
