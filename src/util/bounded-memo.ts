/**
 * A pure function of a string remembered for the last `max` distinct inputs
 * (oldest dropped first). Only for functions whose result callers never
 * mutate: the same object is handed to every caller.
 */
export function boundedMemo<V>(fn: (key: string) => V, max: number): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const v = fn(key);
    if (memo.size >= max) memo.delete(memo.keys().next().value as string);
    memo.set(key, v);
    return v;
  };
}
