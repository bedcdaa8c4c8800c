// Small deterministic PRNG (mulberry32) and the few distributions the seed builders need:
// the same seed always gives the same data, on every machine (no Math.random).

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Standard normal (Box-Muller; one value per call, the second is discarded for simplicity). */
  normal(): number;
  /** A new array with the items in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
    normal: () => {
      const u = 1 - next(); // (0, 1]: log is finite
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i]!;
        out[i] = out[j]!;
        out[j] = tmp;
      }
      return out;
    },
  };
}

/**
 * A picker over fixed weights: builds the cumulative table once, then each pick is a
 * binary search (so picking among 22,000 academies 50,000 times stays cheap).
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Prng) => T {
  if (items.length === 0 || items.length !== weights.length) throw new Error('weightedPicker needs one weight per item');
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i += 1) {
    const w = weights[i]!;
    total += Number.isFinite(w) && w > 0 ? w : 0;
    cumulative[i] = total;
  }
  if (!(total > 0)) throw new Error('weightedPicker needs a positive total weight');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** Pick from [item, weight] pairs (for short, one-off lists). */
export function pickWeighted<T>(rng: Prng, pairs: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let target = rng.next() * total;
  for (const [item, w] of pairs) {
    target -= w;
    if (target < 0) return item;
  }
  return pairs[pairs.length - 1]![0];
}
