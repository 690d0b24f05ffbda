/**
 * Whether the background's answer to a handed-over position (`SaveReply` in lib/messages.ts) says it was
 * stored. `{ ok: true }` is; so is a bare `true`, what a background of the previous release answers. Anything
 * else (`{ ok: false, reason }`, nothing, an unknown shape) is not saved.
 */
export function isSaved(reply: unknown): boolean {
  return reply === true || (typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true);
}
