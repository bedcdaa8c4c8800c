// Input checking, canonical ordering and candidate pruning, shared by the optimal planner
// and the greedy baseline so that both see exactly the same candidate pairs.
//
// Canonical order: needs by id, supporters by id (plain code-unit string order, never
// locale-dependent), pairs grouped by need and, within a need, by fit descending then
// supporter id. Everything downstream (model columns, tie-breaks, output) follows this
// order, so the same input in any order gives the same plan.
import {
  AllocationInputError,
  type AllocationInput,
  type AllocationNeed,
  type AllocationPair,
  type AllocationSupporter,
} from './types';

export const DEFAULT_TOP_K = 25;

/**
 * A day worth less than this (priority * fit) counts as worth nothing: the pair is unusable
 * and a need with only such pairs is ZERO_VALUE. HiGHS works to a dual feasibility
 * tolerance of 1e-7, so it cannot be relied on to use a pair worth less than that; 1e-6
 * leaves a margin, and no real fit score means anything at that resolution.
 */
export const MIN_DAY_VALUE = 1e-6;

export interface PreparedAllocation<E = unknown> {
  /** Sorted by id. */
  readonly needs: readonly AllocationNeed[];
  /** Sorted by id. */
  readonly supporters: readonly AllocationSupporter[];
  /** Per supporter (same order): dayCost, 0 when not given. */
  readonly supporterCost: Float64Array;
  /** Every input pair in canonical order (by need, then fit descending, then supporter). */
  readonly pairs: readonly AllocationPair<E>[];
  /** Index into `needs` of each pair. */
  readonly pairNeed: Int32Array;
  /** Index into `supporters` of each pair. */
  readonly pairSupporter: Int32Array;
  /** priority(need) * fit(pair): the objective's value of one day on this pair. */
  readonly pairValue: Float64Array;
  /** 1 when the pair can carry a useful day: value >= MIN_DAY_VALUE, need wants days, supporter has days. */
  readonly pairUsable: Uint8Array;
  /**
   * 1 when the pair is a column of the model: initially the usable pairs within each need's
   * top K; the planner's pricing sets it on the pairs it adds.
   */
  readonly pairConsidered: Uint8Array;
  /** Pairs of need i are pairs[needPairStart[i] .. needPairStart[i + 1]). */
  readonly needPairStart: Int32Array;
  /** Indices of the initially considered (top-K) pairs, ascending (so in canonical order). */
  readonly considered: Int32Array;
  readonly topK: number;
  readonly inputPairs: number;
  readonly unusablePairs: number;
  /** Usable pairs outside the initial top K. */
  readonly prunedPairs: number;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDayCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** Money is whole currency units, so sums of costs are exact and a budget is never crossed by rounding. */
export function isMoney(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function isUnitInterval(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}

export function checkTopK(topK: number | undefined): number {
  const k = topK ?? DEFAULT_TOP_K;
  if (k === Infinity || (Number.isSafeInteger(k) && k >= 1)) return k;
  throw new AllocationInputError(`topK must be a positive integer or Infinity, got ${k}`);
}

function indexById<T extends { readonly id: string }>(items: readonly T[], kind: string): { sorted: T[]; index: Map<string, number> } {
  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id));
  const index = new Map<string, number>();
  sorted.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') throw new AllocationInputError(`${kind} id must be a non-empty string`);
    if (index.has(item.id)) throw new AllocationInputError(`duplicate ${kind} id ${item.id}`);
    index.set(item.id, i);
  });
  return { sorted, index };
}

/** Checks the input (throwing AllocationInputError), orders it canonically and prunes to the top K pairs per need. */
export function prepareAllocation<E>(input: AllocationInput<E>, topKOption?: number): PreparedAllocation<E> {
  const topK = checkTopK(topKOption);
  const { sorted: needs, index: needIndex } = indexById(input.needs, 'need');
  const { sorted: supporters, index: supporterIndex } = indexById(input.supporters, 'supporter');
  for (const n of needs) {
    if (!isUnitInterval(n.priority)) throw new AllocationInputError(`need ${n.id}: priority must be in [0, 1], got ${n.priority}`);
    if (!isDayCount(n.daysOutstanding)) throw new AllocationInputError(`need ${n.id}: daysOutstanding must be an integer >= 0, got ${n.daysOutstanding}`);
    if (n.fsmPercent !== null && !(Number.isFinite(n.fsmPercent) && n.fsmPercent >= 0 && n.fsmPercent <= 100)) {
      throw new AllocationInputError(`need ${n.id}: fsmPercent must be null or in [0, 100], got ${n.fsmPercent}`);
    }
  }
  for (const s of supporters) {
    if (!isDayCount(s.remainingDays)) throw new AllocationInputError(`supporter ${s.id}: remainingDays must be an integer >= 0, got ${s.remainingDays}`);
    if (s.dayCost !== undefined && !isMoney(s.dayCost)) throw new AllocationInputError(`supporter ${s.id}: dayCost must be an integer >= 0, got ${s.dayCost}`);
  }
  const supporterCost = Float64Array.from(supporters, (s) => s.dayCost ?? 0);

  // Pairs to indices, then grouped by need with a counting sort, then each need's group
  // sorted by fit descending, then supporter: O(P) plus small sorts, not one big sort.
  const count = input.pairs.length;
  const rawNeed = new Int32Array(count);
  const rawSupporter = new Int32Array(count);
  const rawFit = new Float64Array(count);
  const groupStart = new Int32Array(needs.length + 1);
  input.pairs.forEach((p, k) => {
    const ni = needIndex.get(p.needId);
    const si = supporterIndex.get(p.supporterId);
    if (ni === undefined) throw new AllocationInputError(`pair ${p.needId}/${p.supporterId}: unknown need ${p.needId}`);
    if (si === undefined) throw new AllocationInputError(`pair ${p.needId}/${p.supporterId}: unknown supporter ${p.supporterId}`);
    if (!isUnitInterval(p.fit)) throw new AllocationInputError(`pair ${p.needId}/${p.supporterId}: fit must be in [0, 1], got ${p.fit}`);
    rawNeed[k] = ni;
    rawSupporter[k] = si;
    rawFit[k] = p.fit;
    groupStart[ni + 1]! += 1;
  });
  for (let i = 0; i < needs.length; i++) groupStart[i + 1]! += groupStart[i]!;
  const order = new Int32Array(count);
  const cursor = groupStart.slice(0, needs.length);
  for (let k = 0; k < count; k++) order[cursor[rawNeed[k]!]!++] = k;
  const lastNeedOfSupporter = new Int32Array(supporters.length).fill(-1);
  for (let i = 0; i < needs.length; i++) {
    const group = order.subarray(groupStart[i]!, groupStart[i + 1]!);
    for (const k of group) {
      const si = rawSupporter[k]!;
      if (lastNeedOfSupporter[si] === i) throw new AllocationInputError(`duplicate pair ${needs[i]!.id}/${supporters[si]!.id}`);
      lastNeedOfSupporter[si] = i;
    }
    group.sort((a, b) => rawFit[b]! - rawFit[a]! || rawSupporter[a]! - rawSupporter[b]!);
  }

  const pairs: AllocationPair<E>[] = new Array(count);
  const pairNeed = new Int32Array(count);
  const pairSupporter = new Int32Array(count);
  const pairValue = new Float64Array(count);
  const pairUsable = new Uint8Array(count);
  const pairConsidered = new Uint8Array(count);
  const needPairStart = groupStart;
  const considered: number[] = [];
  let unusablePairs = 0;
  let prunedPairs = 0;
  let keptForNeed = 0;
  order.forEach((k, pos) => {
    const pair = input.pairs[k]!;
    const ni = rawNeed[k]!;
    const si = rawSupporter[k]!;
    const need = needs[ni]!;
    pairs[pos] = pair;
    pairNeed[pos] = ni;
    pairSupporter[pos] = si;
    if (pos === 0 || pairNeed[pos - 1] !== ni) keptForNeed = 0;
    const value = need.priority * pair.fit;
    pairValue[pos] = value;
    if (!(value >= MIN_DAY_VALUE && need.daysOutstanding > 0 && supporters[si]!.remainingDays > 0)) {
      unusablePairs += 1;
      return;
    }
    pairUsable[pos] = 1;
    if (keptForNeed >= topK) {
      prunedPairs += 1;
      return;
    }
    keptForNeed += 1;
    pairConsidered[pos] = 1;
    considered.push(pos);
  });

  return {
    needs,
    supporters,
    supporterCost,
    pairs,
    pairNeed,
    pairSupporter,
    pairValue,
    pairUsable,
    pairConsidered,
    needPairStart,
    considered: Int32Array.from(considered),
    topK,
    inputPairs: count,
    unusablePairs,
    prunedPairs,
  };
}

/** Indices of the pairs currently flagged as considered, ascending. */
export function consideredPairs(prep: PreparedAllocation<unknown>): Int32Array {
  const out: number[] = [];
  prep.pairConsidered.forEach((flag, p) => {
    if (flag === 1) out.push(p);
  });
  return Int32Array.from(out);
}

/** Considered pairs in greedy order: value descending, then need id, then supporter id. */
export function greedyOrder(prep: PreparedAllocation<unknown>, subset: Int32Array = consideredPairs(prep)): Int32Array {
  const { pairValue, pairNeed, pairSupporter } = prep;
  return Int32Array.from(subset).sort((a, b) => {
    const byValue = pairValue[b]! - pairValue[a]!;
    if (byValue !== 0) return byValue;
    const byNeed = pairNeed[a]! - pairNeed[b]!;
    if (byNeed !== 0) return byNeed;
    return pairSupporter[a]! - pairSupporter[b]!;
  });
}

/** Money still to spend under a budget; mutated as days are given. */
export interface BudgetLeft {
  left: number;
}

/**
 * Walks `order`, giving each pair min(days the need still wants, days the supporter still
 * has, and with a budget the whole days the money left pays for). Mutates `days` (per
 * pair), `needLeft`, `supporterLeft` and `budget`; returns the days added.
 */
export function fillGreedily(
  prep: PreparedAllocation<unknown>,
  order: Int32Array,
  days: Float64Array,
  needLeft: Float64Array,
  supporterLeft: Float64Array,
  budget?: BudgetLeft,
): number {
  let added = 0;
  for (const p of order) {
    const ni = prep.pairNeed[p]!;
    const si = prep.pairSupporter[p]!;
    const cost = prep.supporterCost[si]!;
    let d = Math.min(needLeft[ni]!, supporterLeft[si]!);
    if (budget && cost > 0) d = Math.min(d, Math.floor(budget.left / cost));
    if (d <= 0) continue;
    days[p]! += d;
    needLeft[ni]! -= d;
    supporterLeft[si]! -= d;
    if (budget) budget.left -= d * cost;
    added += d;
  }
  return added;
}

/** What `days` cost: sum of supporter dayCost * days (exact: whole units). */
export function costOf(prep: PreparedAllocation<unknown>, days: Float64Array): number {
  let total = 0;
  for (let p = 0; p < days.length; p++) if (days[p]! > 0) total += prep.supporterCost[prep.pairSupporter[p]!]! * days[p]!;
  return total;
}

/** Checks a budget option: undefined, or whole currency units >= 0. */
export function checkBudget(budget: number | undefined): number | undefined {
  if (budget === undefined) return undefined;
  if (!isMoney(budget)) throw new AllocationInputError(`budget must be an integer >= 0 (whole currency units), got ${budget}`);
  return budget;
}

/** Days each need still wants and each supporter still has, given `days` per pair. */
export function residuals(prep: PreparedAllocation<unknown>, days: Float64Array): { needLeft: Float64Array; supporterLeft: Float64Array } {
  const needLeft = Float64Array.from(prep.needs, (n) => n.daysOutstanding);
  const supporterLeft = Float64Array.from(prep.supporters, (s) => s.remainingDays);
  for (let p = 0; p < days.length; p++) {
    const d = days[p]!;
    if (d === 0) continue;
    needLeft[prep.pairNeed[p]!]! -= d;
    supporterLeft[prep.pairSupporter[p]!]! -= d;
  }
  return { needLeft, supporterLeft };
}
