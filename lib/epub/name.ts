import { xmlChars } from './xml';

/** Longest file name kept from a title, before `.epub`: in characters, and in UTF-8 bytes (file systems allow 255). */
export const MAX_NAME = 80;
const MAX_BYTES = 200;

/*
 * Unicode's format characters that reorder or hide text: a title holding U+202E (right-to-left override) could
 * show `story.exe.epub` as something else. Control characters go through xmlChars.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Characters a file system or a shell gives a meaning to. */
const RESERVED = /[/\\:*?"<>|\u0000-\u001F]/g;
/** Names Windows keeps for devices, whatever their extension. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name of a book's file, from its title: no path separators, no control or invisible characters, no
 * leading dot (a hidden file) or trailing dots and spaces, no device names, at most MAX_NAME characters (and
 * 200 bytes) and never empty ("story"), always ending in `.epub`.
 */
export function epubFileName(title: string): string {
  const cleaned = xmlChars(title.normalize('NFC')).replace(INVISIBLE, '').replace(RESERVED, ' ').replace(/\s+/g, ' ').trim();
  let name = '';
  let bytes = 0;
  for (const c of [...cleaned].slice(0, MAX_NAME)) {
    bytes += new TextEncoder().encode(c).byteLength;
    if (bytes > MAX_BYTES) break;
    name += c;
  }
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name || DEVICE.test(name)) name = name ? `${name} story` : 'story';
  return `${name}.epub`;
}
