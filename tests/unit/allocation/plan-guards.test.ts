// The guard every plan passes before it is returned (assertFeasible): days are whole,
// positive, on pairs the planner considered, and within every need's and supporter's days;
// a breach names the pair, need or supporter. And the greedy baseline's own promises: it
// sees every pair unless told a topK, says it is greedy, and reports fairness with the
// cut points it was given.
import { greedyAllocation, type AllocationInput } from '../../../server/allocation';
import { prepareAllocation } from '../../../server/allocation/prepare';
import { assertFeasible } from '../../../server/allocation/result';
import { need, pair, supporter } from './support';

const input: AllocationInput<unknown> = {
  needs: [need('n1', 1, 3, 10), need('n2', 1, 4, 50)],
  supporters: [supporter('s1', 5), supporter('s2', 2)],
  pairs: [pair('n1', 's1', 0.9), pair('n1', 's2', 0.5), pair('n2', 's1', 0.8)],
};

/** Days per pair, given as { 'need/supporter': days }, in the prepared pair order. */
function daysFor(prep: ReturnType<typeof prepareAllocation>, byPair: Record<string, number>): Float64Array {
  const days = new Float64Array(prep.pairs.length);
  for (const [key, d] of Object.entries(byPair)) {
    const p = prep.pairs.findIndex((x) => `${x.needId}/${x.supporterId}` === key);
    if (p < 0) throw new Error(`no pair ${key}`);
    days[p] = d;
  }
  return days;
}

describe('assertFeasible', () => {
  const prep = prepareAllocation(input, Infinity);

  it('accepts whole days within every capacity, and no days at all', () => {
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s1': 1, 'n1/s2': 2, 'n2/s1': 4 }))).not.toThrow();
    expect(() => assertFeasible(prep, daysFor(prep, {}))).not.toThrow();
  });

  it('rejects fractional, negative or NaN days, naming the pair', () => {
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s2': 1.5 }))).toThrow('internal error: 1.5 days on pair n1/s2');
    expect(() => assertFeasible(prep, daysFor(prep, { 'n2/s1': -1 }))).toThrow('internal error: -1 days on pair n2/s1');
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s1': Number.NaN }))).toThrow('internal error: NaN days on pair n1/s1');
  });

  it('rejects days on a pair the planner did not consider (outside the top K)', () => {
    const top1 = prepareAllocation(input, 1);
    expect(() => assertFeasible(top1, daysFor(top1, { 'n1/s1': 1 }))).not.toThrow();
    expect(() => assertFeasible(top1, daysFor(top1, { 'n1/s2': 1 }))).toThrow('internal error: 1 days on pair n1/s2');
  });

  it('rejects more days than a need wants or a supporter has, naming which and by how much', () => {
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s1': 4 }))).toThrow('internal error: need n1 over-allocated by 1 days');
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s1': 3, 'n2/s1': 4 }))).toThrow(
      'internal error: supporter s1 over-allocated by 2 days',
    );
    expect(() => assertFeasible(prep, daysFor(prep, { 'n1/s1': 3, 'n2/s1': 2 }))).not.toThrow();
  });
});

describe('greedyAllocation', () => {
  it('sees every pair by default, and only the top K when asked', () => {
    expect(greedyAllocation(input).stats.topK).toBe(Infinity);
    expect(greedyAllocation(input, { topK: 1 }).stats.topK).toBe(1);
  });

  it('says it is the greedy baseline: no solver, no constraints, no top-up', () => {
    expect(greedyAllocation(input).stats).toMatchObject({ solver: 'greedy', constraints: 0, solveMs: 0, toppedUpDays: 0 });
  });

  it('reports fairness with the cut points it was given', () => {
    expect(greedyAllocation(input, { fairness: { cutPoints: [5, 15, 30, 45] } }).fairness.cutPoints).toEqual([5, 15, 30, 45]);
  });
});

describe('unmet reasons: a left-out supporter counts only while it has days to spare', () => {
  // Top 1 by fit: A considers only X, C only Y; A/Y is left out.
  const base = (yDays: number): AllocationInput<unknown> => ({
    needs: [need('A', 1, 5), need('C', 1, 2)],
    supporters: [supporter('X', 2), supporter('Y', yDays)],
    pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5), pair('C', 'Y', 0.9)],
  });
  const reasonFor = (plan: ReturnType<typeof greedyAllocation>, id: string) => plan.unmet.find((u) => u.needId === id)?.reason;

  it('CANDIDATE_LIMIT when the left-out Y still has days after C is served', () => {
    expect(reasonFor(greedyAllocation(base(4), { topK: 1 }), 'A')).toBe('CANDIDATE_LIMIT');
  });

  it('CAPACITY_EXHAUSTED when C has used all of Y’s days', () => {
    expect(reasonFor(greedyAllocation(base(2), { topK: 1 }), 'A')).toBe('CAPACITY_EXHAUSTED');
  });
});

describe('optional plan fields are absent, not undefined, when there is nothing to say', () => {
  it('an assignment has an explanation only when its pair had one; greedy has no LP bound', () => {
    const plan = greedyAllocation({
      needs: [need('n1', 1, 2), need('n2', 1, 2)],
      supporters: [supporter('s1', 2), supporter('s2', 2)],
      pairs: [pair('n1', 's1', 0.9, { why: 'close' }), pair('n2', 's2', 0.9)],
    });
    const byNeed = Object.fromEntries(plan.assignments.map((a) => [a.needId, a]));
    expect(byNeed.n1!.explanation).toEqual({ why: 'close' });
    expect('explanation' in byNeed.n2!).toBe(false);
    expect('lpBound' in plan).toBe(false);
  });
});
