/**
 * Keys: bundled stories are `seed:<id>`, stories on sites `web:<site>:<story id>`. A module of their own, with
 * no imports: code that only names records (the library's rows, the popup's first-paint script) need not
 * load idb.
 */
export const seedKey = (id: string) => `seed:${id}`;
export const webKey = (site: string, storyId: string) => `web:${site}:${storyId}`;
