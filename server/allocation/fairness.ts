// Fairness figures: for each FSM group, its share of the days allocated against its share
// of the days requested. A plan that favours disadvantaged schools shows allocated shares
// above requested shares in the high-FSM groups.
import {
  checkCutPoints,
  FIXED_20_POINT_BANDING,
  FIXED_20_POINT_CUT_POINTS,
  type FsmBand,
  type FsmBanding,
  type FsmCutPoints,
  fsmBandLabel,
  fsmBandOf,
  quintileCutPoints,
} from '../domain/fsm-bands';
import {
  FSM_GROUPS,
  type AllocationNeed,
  type FairnessGroup,
  type FairnessOptions,
  type FairnessReport,
  type FsmGroup,
} from './types';

/** The fallback banding's cut points (fixed 20-point bands); see FairnessOptions.banding. */
export const DEFAULT_FSM_CUT_POINTS: FsmCutPoints = FIXED_20_POINT_CUT_POINTS;

/** BAND_1 = [0, c1), ..., BAND_5 = [c4, 100]; null or NaN is UNKNOWN. */
export function fsmGroup(fsmPercent: number | null, cutPoints: FsmCutPoints = DEFAULT_FSM_CUT_POINTS): FsmGroup {
  const band = fsmBandOf(fsmPercent, cutPoints);
  return band === null ? 'UNKNOWN' : (`BAND_${band}` as FsmGroup);
}

/**
 * Quintile cut points of the known FSM percentages of `needs` (one value per need), for
 * groups of about equal size within this population (domain/fsm-bands.ts quintileCutPoints).
 * With no known FSM at all, the fixed bands.
 */
export function fsmQuintileCutPoints(needs: readonly Pick<AllocationNeed, 'fsmPercent'>[]): FsmCutPoints {
  return quintileCutPoints(needs.map((n) => n.fsmPercent)) ?? DEFAULT_FSM_CUT_POINTS;
}

function groupLabel(group: FsmGroup, banding: Pick<FsmBanding, 'basis' | 'cutPoints'>): string {
  return fsmBandLabel(group === 'UNKNOWN' ? null : (Number(group.slice(5)) as FsmBand), banding);
}

/**
 * The fairness report for a plan. `allocatedDays` gives the days allocated to each need id
 * (missing means 0). Requested days are each need's daysOutstanding.
 */
export function computeFairness(
  needs: readonly AllocationNeed[],
  allocatedDays: ReadonlyMap<string, number>,
  options: FairnessOptions = {},
): FairnessReport {
  const banding: FsmBanding =
    options.banding ?? (options.cutPoints ? { basis: 'CUSTOM_CUT_POINTS', cutPoints: options.cutPoints, computedAt: null, schoolCount: null } : FIXED_20_POINT_BANDING);
  const cuts = checkCutPoints(banding.cutPoints);
  const acc = new Map<FsmGroup, { needs: number; requested: number; allocated: number }>(
    FSM_GROUPS.map((g) => [g, { needs: 0, requested: 0, allocated: 0 }]),
  );
  let totalRequested = 0;
  let totalAllocated = 0;
  for (const need of needs) {
    const a = acc.get(fsmGroup(need.fsmPercent, cuts))!;
    const allocated = allocatedDays.get(need.id) ?? 0;
    a.needs += 1;
    a.requested += need.daysOutstanding;
    a.allocated += allocated;
    totalRequested += need.daysOutstanding;
    totalAllocated += allocated;
  }
  const groups: FairnessGroup[] = FSM_GROUPS.map((group) => {
    const a = acc.get(group)!;
    const requestedShare = totalRequested > 0 ? a.requested / totalRequested : 0;
    const allocatedShare = totalAllocated > 0 ? a.allocated / totalAllocated : 0;
    return {
      group,
      label: groupLabel(group, banding),
      needs: a.needs,
      requestedDays: a.requested,
      allocatedDays: a.allocated,
      requestedShare,
      allocatedShare,
      shareGap: allocatedShare - requestedShare,
      fillRate: a.requested > 0 ? a.allocated / a.requested : null,
    };
  });
  return {
    banding,
    cutPoints: cuts,
    groups,
    totalRequestedDays: totalRequested,
    totalAllocatedDays: totalAllocated,
    fillRate: totalRequested > 0 ? totalAllocated / totalRequested : null,
  };
}
