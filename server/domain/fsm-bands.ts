// Bands of disadvantage: where a school's share of pupils eligible for free school meals
// (FSM) places it among England's schools. One banding for every figure that reports by
// band (a plan's fairness, the equity ledger), so "band 5" means the same everywhere.
//
// National quintiles when a register (GIAS) has been imported: the cut points split the
// register's schools with a known FSM share into five groups of about equal size, and are
// stored with the day they were computed. Without a register, fixed 20-point bands (0-20%,
// 20-40%, ...) as a fallback, labelled as what they are: in England (mean near 24%) nearly
// every school falls in the lowest three of them, so they are not quintiles.
// Pure: plain data in and out.

/**
 * NATIONAL_QUINTILES: computed from the register. FIXED_20_POINT_BANDS: the fallback.
 * CUSTOM_CUT_POINTS: cut points a caller of the pure core chose (tools, tests); the service
 * itself only ever uses the first two.
 */
export type FsmBandingBasis = 'NATIONAL_QUINTILES' | 'FIXED_20_POINT_BANDS' | 'CUSTOM_CUT_POINTS';

/** Four ascending FSM percentages: band 1 = [0, c1), 2 = [c1, c2), 3 = [c2, c3), 4 = [c3, c4), 5 = [c4, 100]. */
export type FsmCutPoints = readonly [number, number, number, number];

export interface FsmBanding {
  readonly basis: FsmBandingBasis;
  readonly cutPoints: FsmCutPoints;
  /** When the national cut points were computed from the register; null for the fixed bands. */
  readonly computedAt: Date | null;
  /** Schools with a known FSM share the cut points were computed from; null for the fixed bands. */
  readonly schoolCount: number | null;
}

export const FIXED_20_POINT_CUT_POINTS: FsmCutPoints = [20, 40, 60, 80];

export const FIXED_20_POINT_BANDING: FsmBanding = { basis: 'FIXED_20_POINT_BANDS', cutPoints: FIXED_20_POINT_CUT_POINTS, computedAt: null, schoolCount: null };

/** 1 (least disadvantaged) to 5 (most). */
export type FsmBand = 1 | 2 | 3 | 4 | 5;
export const FSM_BANDS: readonly FsmBand[] = [1, 2, 3, 4, 5];

export function isKnownFsm(fsm: number | null | undefined): fsm is number {
  return fsm != null && Number.isFinite(fsm);
}

/** The band of an FSM share, or null when the share is unknown. */
export function fsmBandOf(fsmPercent: number | null | undefined, cutPoints: FsmCutPoints): FsmBand | null {
  if (!isKnownFsm(fsmPercent)) return null;
  const [c1, c2, c3, c4] = cutPoints;
  if (fsmPercent < c1) return 1;
  if (fsmPercent < c2) return 2;
  if (fsmPercent < c3) return 3;
  if (fsmPercent < c4) return 4;
  return 5;
}

/**
 * Quintile cut points of FSM shares (one per school): with the n known values sorted, c_k is
 * the value at 0-based index ceil(k * n / 5), so the lowest ceil(n / 5) schools fall below
 * c1, and so on (ties keep a school with its equals, so bands differ in size only by ties).
 * Null when no value is known. Rounded to 0.1, the register's own precision.
 */
export function quintileCutPoints(values: Iterable<number | null | undefined>): FsmCutPoints | null {
  const known: number[] = [];
  for (const v of values) if (isKnownFsm(v)) known.push(v);
  if (known.length === 0) return null;
  known.sort((a, b) => a - b);
  const at = (k: number) => Math.round(known[Math.min(known.length - 1, Math.ceil((k * known.length) / 5))]! * 10) / 10;
  return [at(1), at(2), at(3), at(4)];
}

/** Four ascending percentages in [0, 100], or a RangeError saying what is wrong. */
export function checkCutPoints(cuts: readonly number[]): FsmCutPoints {
  const ok =
    cuts.length === 4 &&
    cuts.every((c) => Number.isFinite(c) && c >= 0 && c <= 100) &&
    cuts.every((c, i) => i === 0 || c >= (cuts[i - 1] as number));
  if (!ok) throw new RangeError(`FSM cut points must be four ascending percentages in [0, 100], got [${cuts.join(', ')}]`);
  return cuts as unknown as FsmCutPoints;
}

const NATIONAL_NAMES = ['lowest', 'second', 'middle', 'fourth', 'highest'] as const;

/**
 * How a band reads, saying what kind of band it is: "National FSM quintile 1 (lowest):
 * 0% to <9.1%" or "FSM 0% to <20% (fixed 20-point band 1)"; "FSM unknown" for null.
 */
export function fsmBandLabel(band: FsmBand | null, banding: Pick<FsmBanding, 'basis' | 'cutPoints'>): string {
  if (band === null) return 'FSM unknown';
  const bounds = [0, ...banding.cutPoints, 100];
  const range = band === 5 ? `${bounds[4]}% to 100%` : `${bounds[band - 1]}% to <${bounds[band]}%`;
  switch (banding.basis) {
    case 'NATIONAL_QUINTILES':
      return `National FSM quintile ${band} (${NATIONAL_NAMES[band - 1]}): ${range}`;
    case 'FIXED_20_POINT_BANDS':
      return `FSM ${range} (fixed 20-point band ${band})`;
    case 'CUSTOM_CUT_POINTS':
      return `FSM ${range} (band ${band})`;
  }
}
