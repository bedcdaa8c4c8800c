// Fairness figures: for each FSM group, its share of the days allocated against its share
// of the days requested. A plan that favours disadvantaged schools shows allocated shares
// above requested shares in the high-FSM groups.
import {
  FSM_GROUPS,
  type AllocationNeed,
  type FairnessGroup,
  type FairnessOptions,
  type FairnessReport,
  type FsmGroup,
} from './types';

/** Fixed 20-point bands; see FairnessOptions.cutPoints. */
export const DEFAULT_FSM_CUT_POINTS: readonly [number, number, number, number] = [20, 40, 60, 80];

function checkCutPoints(cuts: readonly number[]): readonly [number, number, number, number] {
  const ok =
    cuts.length === 4 &&
    cuts.every((c) => Number.isFinite(c) && c >= 0 && c <= 100) &&
    cuts.every((c, i) => i === 0 || c >= (cuts[i - 1] as number));
  if (!ok) throw new RangeError(`FSM cut points must be four ascending percentages in [0, 100], got [${cuts.join(', ')}]`);
  return cuts as unknown as readonly [number, number, number, number];
}

function isKnownFsm(fsm: number | null): fsm is number {
  return fsm !== null && Number.isFinite(fsm);
}

/** Q1 = [0, c1), Q2 = [c1, c2), Q3 = [c2, c3), Q4 = [c3, c4), Q5 = [c4, 100]; null or NaN is UNKNOWN. */
export function fsmGroup(fsmPercent: number | null, cutPoints: readonly [number, number, number, number] = DEFAULT_FSM_CUT_POINTS): FsmGroup {
  if (!isKnownFsm(fsmPercent)) return 'UNKNOWN';
  const [c1, c2, c3, c4] = cutPoints;
  if (fsmPercent < c1) return 'Q1';
  if (fsmPercent < c2) return 'Q2';
  if (fsmPercent < c3) return 'Q3';
  if (fsmPercent < c4) return 'Q4';
  return 'Q5';
}

/**
 * Quintile cut points of the known FSM percentages of `needs` (one value per need), for
 * groups of about equal size within this population: with the n values sorted, c_k is the
 * value at 0-based index ceil(k * n / 5), so (values being distinct) Q1 = [0, c1) holds the
 * lowest ceil(n / 5) of them, and so on. With no known FSM at all, the default bands.
 */
export function fsmQuintileCutPoints(needs: readonly Pick<AllocationNeed, 'fsmPercent'>[]): readonly [number, number, number, number] {
  const known = needs
    .map((n) => n.fsmPercent)
    .filter(isKnownFsm)
    .sort((a, b) => a - b);
  if (known.length === 0) return DEFAULT_FSM_CUT_POINTS;
  const at = (p: number) => known[Math.min(known.length - 1, Math.ceil(p * known.length))] as number;
  return [at(0.2), at(0.4), at(0.6), at(0.8)];
}

function groupLabel(group: FsmGroup, cuts: readonly [number, number, number, number]): string {
  const bounds = [0, ...cuts, 100];
  const i = FSM_GROUPS.indexOf(group);
  if (group === 'UNKNOWN') return 'unknown';
  if (group === 'Q5') return `${bounds[4]}% to 100%`;
  return `${bounds[i]}% to <${bounds[i + 1]}%`;
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
  const cuts = checkCutPoints(options.cutPoints ?? DEFAULT_FSM_CUT_POINTS);
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
      label: groupLabel(group, cuts),
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
    cutPoints: cuts,
    groups,
    totalRequestedDays: totalRequested,
    totalAllocatedDays: totalAllocated,
    fillRate: totalRequested > 0 ? totalAllocated / totalRequested : null,
  };
}
