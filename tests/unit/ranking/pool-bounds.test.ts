// The pool's need-free bounds (pool-bounds.ts) only decide who is scored in full, so they
// must never undercut what a supporter actually scores on those factors, for any need in the
// area. (That the rankings using them equal full scoring is pruned-equivalence.test.ts.)
import fc from 'fast-check';
import { candidateBounds, candidateModel, CHEAP_FACTORS, DEFAULT_RANKING_CONFIG, expertiseFitUpperBound, expertiseFitValue, travelIndex, type FitInput } from '../../../server/ranking';
import { clamp01 } from '../../../server/ranking/numbers';
import { arbNeed, arbPhase, arbSupporters } from './arbitraries';
import { NOW, supporter } from './fixtures';

const config = DEFAULT_RANKING_CONFIG;

describe('need-free bounds of a pool', () => {
  it('expertiseFitUpperBound is at least the expertise fit for a need of any phase in the area', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(8), arbPhase, (need, supporters, phase) => {
        for (const supporter of supporters) {
          expect(expertiseFitUpperBound(need.area, supporter, config)).toBeGreaterThanOrEqual(expertiseFitValue({ area: need.area, phase }, supporter, config));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('expertiseFitUpperBound reads only the entries in the area: none there is 0, and an entry listing the need’s phase reaches it', () => {
    const english = { area: 'ENGLISH' as const, level: 'EXPERT' as const, phases: ['PRIMARY' as const, 'SECONDARY' as const] };
    const maths = { area: 'MATHS' as const, level: 'DEVELOPING' as const, phases: ['PRIMARY' as const] };
    const person = supporter({ expertise: [english, maths] });
    expect(expertiseFitUpperBound('MATHS', supporter({ expertise: [english] }), config)).toBe(0);
    expect(expertiseFitUpperBound('MATHS', person, config)).toBe(expertiseFitValue({ area: 'MATHS', phase: 'PRIMARY' }, person, config));
    expect(expertiseFitUpperBound('MATHS', person, config)).toBeLessThan(expertiseFitUpperBound('ENGLISH', person, config));
  });

  it('is at least the weighted sum of the factors not evaluated per pair, for every supporter and any need in the area', () => {
    const others = candidateModel(config).filter((f) => !CHEAP_FACTORS.has(f.factor.name));
    fc.assert(
      fc.property(arbNeed, arbSupporters(20), (need, supporters) => {
        const bounds = candidateBounds(travelIndex(need.area, supporters, config));
        supporters.forEach((supporter, i) => {
          const input: FitInput = { need, supporter, distanceKm: null, now: NOW, config };
          const exact = others.reduce((sum, { factor, weight }) => sum + weight * clamp01(factor.value(input)), 0);
          expect(bounds[i]! + 1e-12).toBeGreaterThanOrEqual(exact);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is tighter than full weight for a supporter whose track record is the prior (so fewer are scored in full)', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(10), (need, supporters) => {
        const plain = supporters.map((s) => ({ ...s, trackRecord: [] }));
        const bounds = candidateBounds(travelIndex(need.area, plain, config));
        const fullWeight = candidateModel(config).filter((f) => !CHEAP_FACTORS.has(f.factor.name)).reduce((sum, f) => sum + f.weight, 0);
        for (const bound of bounds) expect(bound).toBeLessThan(fullWeight);
      }),
      { numRuns: 100 },
    );
  });

  it('is worked out once per pool: asked again for the same index, it gives the array it kept', () => {
    // The bounds are kept with the index (as long as its pool) so that ranking each need of a
    // national pool does not redo them; a new index is a new pool and gets its own.
    fc.assert(
      fc.property(arbNeed, arbSupporters(8), (need, supporters) => {
        const index = travelIndex(need.area, supporters, config);
        const bounds = candidateBounds(index);
        expect(candidateBounds(index)).toBe(bounds);
        expect(candidateBounds(travelIndex(need.area, supporters, config))).not.toBe(bounds);
      }),
      { numRuns: 20 },
    );
  });
});
