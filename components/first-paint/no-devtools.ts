/**
 * What `preact/devtools` and `preact/debug` resolve to in the first-paint script's build (modules/first-paint.ts).
 * A build that is not a production one (`wxt dev`, or `wxt build --mode x` without NODE_ENV=production) imports
 * them, and names each hook's value with `addHookName`; there is no Preact there to attach to.
 */
export const addHookName = <T>(value: T, _name: string): T => value;
