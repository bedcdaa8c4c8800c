// Track-record rules (README, "Ranking weights"): (prior * k + sum of impacts) / (k + n),
// impact 1..4 mapped onto 0..1, only completed deployments in the need's area; a rating
// that is not a number is ignored; prior and strength come from the configuration.
import { DEFAULT_RANKING_CONFIG as C, normalisedImpact, trackRecord, trackRecordDetail, trackRecordValue, type ImpactRecord, type RankingConfig } from '../../../server/ranking';
import { need, NOW, supporter } from './fixtures';

const maths = (...ratings: number[]): ImpactRecord[] => ratings.map((r) => ({ area: 'MATHS', impactRating: r as ImpactRecord['impactRating'] }));

describe('normalisedImpact', () => {
  it('clamps ratings outside 1..4 into [0, 1]', () => {
    expect(normalisedImpact(0)).toBe(0);
    expect(normalisedImpact(7)).toBe(1);
    expect(normalisedImpact(2.5)).toBe(0.5);
  });
});

describe('trackRecordValue', () => {
  it('ignores a rating that is not a number, as if the deployment had no result', () => {
    expect(trackRecordValue('MATHS', maths(Number.NaN), C)).toBe(0.5);
    expect(trackRecordValue('MATHS', maths(4, Number.NaN), C)).toBeCloseTo(0.625, 12);
  });

  it('follows the configured prior and strength', () => {
    const custom: RankingConfig = { ...C, trackRecord: { prior: 0.2, priorStrength: 1 } };
    expect(trackRecordValue('MATHS', [], custom)).toBeCloseTo(0.2, 12);
    expect(trackRecordValue('MATHS', maths(4), custom)).toBeCloseTo((0.2 + 1) / 2, 12);
    expect(trackRecordValue('MATHS', maths(2, 3), custom)).toBeCloseTo((0.2 + 1 / 3 + 2 / 3) / 3, 12);
  });

  it('clamps a configured prior above 1', () => {
    expect(trackRecordValue('MATHS', [], { ...C, trackRecord: { prior: 3, priorStrength: 3 } })).toBe(1);
  });
});

describe('trackRecordDetail', () => {
  it('says when there is no evidence yet, with the prior', () => {
    expect(trackRecordDetail('MATHS', [{ area: 'ENGLISH', impactRating: 4 }], C)).toBe('no completed deployments in Mathematics yet: prior 0.5');
  });

  it('counts, averages on the 1-4 scale, and uses the singular for one', () => {
    expect(trackRecordDetail('MATHS', maths(3), C)).toBe('1 completed deployment in Mathematics, mean impact 3/4 (smoothed toward 0.5)');
    expect(trackRecordDetail('MATHS', maths(2, 3, Number.NaN), C)).toBe(
      '2 completed deployments in Mathematics, mean impact 2.5/4 (smoothed toward 0.5)',
    );
    expect(trackRecordDetail('MATHS', [], { ...C, trackRecord: { prior: 0.125, priorStrength: 3 } })).toBe(
      'no completed deployments in Mathematics yet: prior 0.13',
    );
  });
});

describe('the trackRecord factor reads the need’s area and the supporter’s record', () => {
  it('gives the value and sentence for the pair', () => {
    const input = { need: need({ area: 'MATHS' }), supporter: supporter({ trackRecord: maths(4) }), distanceKm: null, now: NOW, config: C };
    expect(trackRecord.name).toBe('trackRecord');
    expect(trackRecord.value(input)).toBeCloseTo(0.625, 12);
    expect(trackRecord.detail(input)).toBe('1 completed deployment in Mathematics, mean impact 4/4 (smoothed toward 0.5)');
  });
});
