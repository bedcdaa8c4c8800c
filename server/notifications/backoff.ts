// When to try a failed message again: exponential backoff, capped. Pure.

/** Delay before attempt `attempts + 1`, after `attempts` failed ones: base, 2×base, 4×base… up to max. */
export function retryDelayMs(attempts: number, baseSeconds: number, maxSeconds: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows long before the cap matters; stop doubling once past it.
  const seconds = exponent > 30 ? maxSeconds : Math.min(maxSeconds, baseSeconds * 2 ** exponent);
  return seconds * 1000;
}
