/** The distinct items, in first-seen order. */
export const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
