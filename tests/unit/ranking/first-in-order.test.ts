import fc from 'fast-check';
import { firstInOrder } from '../../../server/ranking/rank-pairs';

describe('firstInOrder (the top of a ranking without sorting everything)', () => {
  it('is exactly a stable sort followed by a slice, ties included, for any limit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: -1, max: 320 }), (values, limit) => {
        const items = values.map((value, index) => ({ value, index }));
        const order = (a: { value: number }, b: { value: number }) => b.value - a.value; // descending, ties left as they come
        expect(firstInOrder(items, order, limit)).toEqual([...items].sort(order).slice(0, Math.max(0, limit)));
      }),
      { numRuns: 500 },
    );
  });
});
