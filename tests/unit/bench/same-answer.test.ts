// The bench's "same answer as with copies" check: equal answers, scores allowed to differ only
// in what a few milliseconds of waiting time can move (rankNeedsForStaff).
import { sameAnswer } from '../../../bench/steps/without-copies';

describe('sameAnswer', () => {
  const answer = { data: { rank: { candidates: [{ id: 'a', score: 0.7312345 }, { id: 'b', score: 0.5 }], excluded: 3 } } };
  const copy = () => JSON.parse(JSON.stringify(answer)) as typeof answer;

  it('takes scores within 1e-6 as the same', () => {
    const later = copy();
    later.data.rank.candidates[0]!.score += 4e-7;
    expect(sameAnswer(answer, later)).toBe(true);
  });

  it('tells apart a score, an order, a count, a missing or extra field', () => {
    const moved = copy();
    moved.data.rank.candidates[0]!.score += 1e-4;
    const swapped = copy();
    swapped.data.rank.candidates.reverse();
    const counted = copy();
    counted.data.rank.excluded = 4;
    const missing = copy() as { data: { rank: Partial<typeof answer.data.rank> } };
    delete missing.data.rank.excluded;
    const extra = { ...copy(), errors: [] };
    for (const other of [moved, swapped, counted, missing, extra]) expect(sameAnswer(answer, other)).toBe(false);
    expect(sameAnswer(answer, copy())).toBe(true);
    expect(sameAnswer(['x'], { 0: 'x' })).toBe(false);
  });
});
