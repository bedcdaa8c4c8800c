// Proximity rules (README, "Ranking weights"): 10 / (10 + km), so 1 next door and half at
// the configured scale; a distance that is unknown or not a finite number gives the neutral
// configured value; a negative distance (bad data) counts as next door.
import fc from 'fast-check';
import { DEFAULT_RANKING_CONFIG as C, proximity, proximityDetail, proximityValue, type RankingConfig } from '../../../server/ranking';
import { need, NOW, supporter } from './fixtures';

describe('proximityValue', () => {
  it('treats NaN and infinite distances as unknown: the neutral value', () => {
    expect(proximityValue(Number.NaN, C)).toBe(0.5);
    expect(proximityValue(Number.POSITIVE_INFINITY, C)).toBe(0.5);
  });

  it('uses the configured unknown value, clamped into [0, 1]', () => {
    const unknown = (unknownValue: number): RankingConfig => ({ ...C, proximity: { ...C.proximity, unknownValue } });
    expect(proximityValue(null, unknown(0.2))).toBe(0.2);
    expect(proximityValue(null, unknown(1.4))).toBe(1);
  });

  it('counts a negative distance as 0 km', () => {
    expect(proximityValue(-5, C)).toBe(1);
    expect(proximityDetail(-5, C)).toBe('0 km away (half value at 10 km)');
  });

  it('never rises with distance and stays in (0, 1] (random distances)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (x, y) => {
        const [near, far] = x <= y ? [x, y] : [y, x];
        expect(proximityValue(far, C)).toBeLessThanOrEqual(proximityValue(near, C));
        expect(proximityValue(far, C)).toBeGreaterThan(0);
        expect(proximityValue(far, C)).toBeCloseTo(10 / (10 + far), 12);
      }),
    );
  });
});

describe('proximityDetail', () => {
  it('gives the distance to one decimal and the configured half-value distance', () => {
    expect(proximityDetail(12.345, C)).toBe('12.3 km away (half value at 10 km)');
    expect(proximityDetail(3, { ...C, proximity: { ...C.proximity, scaleKm: 7.5 } })).toBe('3 km away (half value at 7.5 km)');
  });

  it('says when the distance is unknown', () => {
    expect(proximityDetail(Number.NaN, C)).toBe('distance unknown (a location is missing): neutral value');
  });
});

describe('the proximity factor reads the pair’s distance', () => {
  it('gives the value and sentence for distanceKm', () => {
    const input = { need: need(), supporter: supporter(), distanceKm: 30, now: NOW, config: C };
    expect(proximity.name).toBe('proximity');
    expect(proximity.value(input)).toBe(0.25);
    expect(proximity.detail(input)).toBe('30 km away (half value at 10 km)');
  });
});
