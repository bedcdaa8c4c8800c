// Small numeric helpers shared by the factors: bad data (NaN, out-of-range) must never
// leak into a score, because one NaN would make sorting meaningless.

/** Clamp to [0, 1]; NaN becomes 0. */
export function clamp01(x: number): number {
  if (!(x > 0)) return 0;
  return x > 1 ? 1 : x;
}

/** A percentage clamped to [0, 100], or null when unknown or not a finite number. */
export function knownPercent(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Math.min(100, Math.max(0, x));
}

/** Short human-readable number: at most `digits` decimals, no trailing zeros. */
export function formatNumber(x: number, digits = 1): string {
  return String(Number(x.toFixed(digits)));
}
