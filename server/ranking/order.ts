// Deterministic ordering shared by both ranking directions: score descending, then a
// stable string key ascending, compared by code unit (not locale), so the same data gives
// the same order on every machine and in every input order.

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byScoreThenKeys<T>(score: (x: T) => number, keys: (x: T) => readonly string[]): (a: T, b: T) => number {
  return (a, b) => {
    const diff = score(b) - score(a);
    if (diff !== 0) return diff;
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const c = compareKeys(ka[i] ?? '', kb[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** How many results to return: a whole number >= 0 (Infinity allowed: all of them). */
export function resultLimit(first: number): number {
  if (Number.isNaN(first)) return 0;
  return first === Infinity ? Infinity : Math.max(0, Math.floor(first));
}
