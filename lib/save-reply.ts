/**
 * Whether the background's answer to a handed-over position (`SaveReply` in lib/messages.ts) says it was
 * stored. `{ ok: true }` is; so is a bare `true`, what a background of the previous release answers. Anything
 * else (`{ ok: false, reason }`, nothing, an unknown shape) is not saved.
 */
export function isSaved(reply: unknown): boolean {
  return reply === true || (typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true);
}

/**
 * A saver's write function (lib/saver.ts) that surfaces the background's answer: it rejects when the answer is
 * not a yes (so the saver's onError runs), and tells `saved` whether each write was stored.
 */
export function writeReporting<T>(send: (value: T) => Promise<unknown>, saved: (ok: boolean) => void): (value: T) => Promise<void> {
  return async (value) => {
    let reply: unknown;
    try {
      reply = await send(value);
    } catch (e) {
      saved(false);
      throw e;
    }
    const ok = isSaved(reply);
    saved(ok);
    if (!ok) throw new Error(`not saved: ${JSON.stringify(reply)}`);
  };
}
