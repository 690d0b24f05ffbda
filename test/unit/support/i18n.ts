import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setMessageLookup } from '../../../components/i18n';

/** The browser's getMessage over the English messages.json, placeholders included (`$NAME$` → `$1`). */
type Entry = { message: string; placeholders?: Record<string, { content: string }> };
const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  Entry
>;

export function getMessage(key: string, subs: string[] = []): string {
  const entry = messages[key];
  if (!entry) return '';
  return entry.message
    .replace(/\$(\w+)\$/g, (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '')
    .replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '');
}

setMessageLookup(getMessage);
