// Shared helpers for the allocation tests: instance builders, fast-check generators, an
// exhaustive-search oracle for tiny instances, and plan invariants.
import fc from 'fast-check';
import {
  MIN_DAY_VALUE,
  type AllocationInput,
  type AllocationNeed,
  type AllocationPair,
  type AllocationPlan,
  type AllocationSupporter,
} from '../../../server/allocation';

export function need(id: string, priority: number, daysOutstanding: number, fsmPercent: number | null = 20): AllocationNeed {
  return { id, priority, daysOutstanding, fsmPercent };
}

export function supporter(id: string, remainingDays: number, dayCost?: number): AllocationSupporter {
  return dayCost === undefined ? { id, remainingDays } : { id, remainingDays, dayCost };
}

export function pair(needId: string, supporterId: string, fit: number, explanation?: unknown): AllocationPair {
  return explanation === undefined ? { needId, supporterId, fit } : { needId, supporterId, fit, explanation };
}

/** Days per "need/supporter" key, for compact assertions. */
export function daysByPair(plan: AllocationPlan<unknown>): Record<string, number> {
  return Object.fromEntries(plan.assignments.map((a) => [`${a.needId}/${a.supporterId}`, a.days]));
}

export function daysByNeed(plan: AllocationPlan<unknown>): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of plan.assignments) out.set(a.needId, (out.get(a.needId) ?? 0) + a.days);
  return out;
}

/** Relative-plus-absolute tolerance for objective comparisons (the solver works to ~1e-7). */
export function close(a: number, b: number, tol = 1e-6): boolean {
  return Math.abs(a - b) <= tol * (1 + Math.abs(a) + Math.abs(b));
}

/**
 * Every structural promise of a plan: positive integer days, only on listed pairs, within
 * every capacity and every need's days; value and objective consistent; unmet consistent.
 */
export function checkPlanInvariants(input: AllocationInput<unknown>, plan: AllocationPlan<unknown>): void {
  const needs = new Map(input.needs.map((n) => [n.id, n]));
  const supporters = new Map(input.supporters.map((s) => [s.id, s]));
  const fits = new Map(input.pairs.map((p) => [`${p.needId}/${p.supporterId}`, p.fit]));
  const usedBySupporter = new Map<string, number>();
  const usedByNeed = new Map<string, number>();
  let objective = 0;
  let cost = 0;
  const seen = new Set<string>();
  for (const a of plan.assignments) {
    const key = `${a.needId}/${a.supporterId}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    expect(Number.isInteger(a.days) && a.days > 0).toBe(true);
    expect(fits.get(key)).toBe(a.fit);
    const n = needs.get(a.needId)!;
    expect(a.priority).toBe(n.priority);
    expect(a.value).toBeCloseTo(n.priority * a.fit * a.days, 12);
    objective += a.value;
    const dayCost = supporters.get(a.supporterId)!.dayCost;
    expect(a.cost).toBe(dayCost === undefined ? undefined : dayCost * a.days);
    cost += a.cost ?? 0;
    usedBySupporter.set(a.supporterId, (usedBySupporter.get(a.supporterId) ?? 0) + a.days);
    usedByNeed.set(a.needId, (usedByNeed.get(a.needId) ?? 0) + a.days);
  }
  for (const [id, used] of usedBySupporter) expect(used).toBeLessThanOrEqual(supporters.get(id)!.remainingDays);
  for (const [id, used] of usedByNeed) expect(used).toBeLessThanOrEqual(needs.get(id)!.daysOutstanding);
  expect(plan.objective).toBeCloseTo(objective, 9);
  expect(plan.cost).toBe(cost);
  if (plan.budget !== undefined) expect(plan.cost).toBeLessThanOrEqual(plan.budget);
  const unmetIds = new Set<string>();
  for (const u of plan.unmet) {
    const n = needs.get(u.needId)!;
    unmetIds.add(u.needId);
    expect(u.daysRequested).toBe(n.daysOutstanding);
    expect(u.daysAllocated).toBe(usedByNeed.get(u.needId) ?? 0);
    expect(u.daysUnmet).toBe(u.daysRequested - u.daysAllocated);
    expect(u.daysUnmet).toBeGreaterThan(0);
  }
  for (const n of input.needs) {
    if (!unmetIds.has(n.id)) expect(usedByNeed.get(n.id) ?? 0).toBe(n.daysOutstanding);
  }
  expect(plan.fairness.totalAllocatedDays).toBe([...usedByNeed.values()].reduce((a, b) => a + b, 0));
}

/**
 * The best objective by exhaustive search: for tiny instances only (a handful of pairs, few
 * days). As documented for the planner, a day worth less than MIN_DAY_VALUE is worth 0.
 */
export function bruteForceOptimum(input: AllocationInput<unknown>, budget = Infinity): number {
  const dayCost = new Map(input.supporters.map((s) => [s.id, s.dayCost ?? 0]));
  const needLeft = new Map(input.needs.map((n) => [n.id, n.daysOutstanding]));
  const supLeft = new Map(input.supporters.map((s) => [s.id, s.remainingDays]));
  const priority = new Map(input.needs.map((n) => [n.id, n.priority]));
  const pairs = input.pairs;
  let best = 0;
  const go = (k: number, acc: number, spent: number): void => {
    if (k === pairs.length) {
      best = Math.max(best, acc);
      return;
    }
    const p = pairs[k]!;
    const cost = dayCost.get(p.supporterId)!;
    const affordable = cost > 0 ? Math.floor((budget - spent) / cost) : Infinity;
    const max = Math.min(needLeft.get(p.needId)!, supLeft.get(p.supporterId)!, affordable);
    const raw = priority.get(p.needId)! * p.fit;
    const v = raw < MIN_DAY_VALUE ? 0 : raw;
    for (let d = 0; d <= max; d++) {
      needLeft.set(p.needId, needLeft.get(p.needId)! - d);
      supLeft.set(p.supporterId, supLeft.get(p.supporterId)! - d);
      go(k + 1, acc + v * d, spent + cost * d);
      needLeft.set(p.needId, needLeft.get(p.needId)! + d);
      supLeft.set(p.supporterId, supLeft.get(p.supporterId)! + d);
    }
  };
  go(0, 0, 0);
  return best;
}

/** A number in [0, 1]: often one of a few round values, so that ties happen. */
export const arbUnit: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

export interface InstanceShape {
  readonly maxNeeds: number;
  readonly maxSupporters: number;
  readonly maxDays: number;
  /** Probability that a (need, supporter) pair is listed. */
  readonly density?: number;
  /** Give supporters a dayCost in 0..maxDayCost (whole pounds; 0 now and then). */
  readonly maxDayCost?: number;
}

/** A random allocation input with unique ids and at most one pair per (need, supporter). */
export function arbInstance(shape: InstanceShape): fc.Arbitrary<AllocationInput<unknown>> {
  return fc
    .record({
      needCount: fc.integer({ min: 1, max: shape.maxNeeds }),
      supporterCount: fc.integer({ min: 1, max: shape.maxSupporters }),
    })
    .chain(({ needCount, supporterCount }) =>
      fc.record({
        needs: fc.tuple(
          ...Array.from({ length: needCount }, (_, i) =>
            fc.record({
              id: fc.constant(`n${i}`),
              priority: arbUnit,
              daysOutstanding: fc.integer({ min: 0, max: shape.maxDays }),
              fsmPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 5 }),
            }),
          ),
        ),
        supporters: fc.tuple(
          ...Array.from({ length: supporterCount }, (_, j) =>
            shape.maxDayCost === undefined
              ? fc.record({ id: fc.constant(`s${j}`), remainingDays: fc.integer({ min: 0, max: shape.maxDays }) })
              : fc.record({
                  id: fc.constant(`s${j}`),
                  remainingDays: fc.integer({ min: 0, max: shape.maxDays }),
                  dayCost: fc.oneof(fc.constant(0), fc.constantFrom(350, 450, 550), fc.integer({ min: 1, max: shape.maxDayCost })),
                }),
          ),
        ),
        pairs: fc.tuple(
          ...Array.from({ length: needCount * supporterCount }, (_, k) =>
            fc.record({
              listed: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < (shape.density ?? 0.6)),
              fit: arbUnit,
            }).map(({ listed, fit }) => (listed ? { needId: `n${Math.floor(k / supporterCount)}`, supporterId: `s${k % supporterCount}`, fit } : null)),
          ),
        ),
      }),
    )
    .map(({ needs, supporters, pairs }) => ({
      needs,
      supporters,
      pairs: pairs.filter((p): p is { needId: string; supporterId: string; fit: number } => p !== null),
    }));
}

/** Deterministic Fisher-Yates shuffle driven by a seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
