import type en from '../public/_locales/en/messages.json';

/** Every UI string comes from `_locales/<lang>/messages.json`; keys are typed from the English file. */
export type MessageKey = keyof typeof en;

type Lookup = (key: string, substitutions?: string[]) => string;
let lookup: Lookup = (key) => key;

/** Entrypoints hand in `browser.i18n.getMessage`; unit tests a lookup over the English file. */
export function setMessageLookup(fn: Lookup): void {
  lookup = fn;
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return lookup(key, subs.map(String)) || key;
}
