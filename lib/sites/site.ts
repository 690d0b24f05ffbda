import type en from '../../public/_locales/en/messages.json';

/**
 * What the rest of Ficwell knows of a site without reading any of its pages: its id, hosts, where its
 * stories live, its label and how its chapters are addressed. Plain data and pure functions, so the records'
 * validation, the popup and the build's manifest import it without the page parser (DOMPurify and all). The
 * adapter (lib/sites/<site>.ts) is built on it; lib/sites/registry.ts lists them and derives everything else.
 */
export interface SiteDefinition<Id extends string = string> {
  /** The `<site>` of a story key `web:<site>:<id>`: lower-case letters and digits. */
  id: Id;
  /** The site's own name (English). */
  name: string;
  /** The message (public/_locales) the library labels its stories with. */
  label: keyof typeof en;
  /** Exact host names (mirrors included); the first is the one chapter addresses are rebuilt on. */
  hosts: readonly string[];
  /** Where stories live on each host: the paths of the content script's match patterns. */
  storyPaths: readonly string[];
  /**
   * Whether the extension reaches the site from installation: its story pages are in the manifest's host
   * permissions and static content script. Otherwise they are optional host permissions, which the reader
   * grants by turning the site on (the install warning names only the sites on by default).
   */
  onByDefault: boolean;
  /**
   * The part of a chapter URL that a synced entry carries, '' when the chapter number alone addresses it
   * (fanfiction.net); digits only.
   */
  chapterRef(url: string): string;
  /** A chapter's URL from the story id, its number and its `chapterRef` ('' for the story's first page). */
  chapterUrl(storyId: string, chapter: number, ref: string): string;
}
