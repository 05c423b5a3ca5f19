/**
 * Objects with read-only properties backed by getters, kept in V8's fast mode. An object literal with
 * `get x() {…}` starts in dictionary mode (Node 20), so every method call and property read on it is a hash
 * lookup through a generic inline cache: for the models the site calls at every sub-step that was the largest
 * single cost. Defining the getters after the literal is built keeps the object fast.
 * Core-internal: not exported from index.ts.
 */
export function withGetters<M extends object, G extends Record<string, () => unknown>>(
  members: M,
  getters: G,
): M & { readonly [K in keyof G]: ReturnType<G[K]> } {
  for (const [key, get] of Object.entries(getters)) {
    Object.defineProperty(members, key, { get, enumerable: true, configurable: false });
  }
  return members as M & { readonly [K in keyof G]: ReturnType<G[K]> };
}
