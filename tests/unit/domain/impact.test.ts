import { trackRecordRating } from '../../../server/domain/impact';

describe('the rating a track record counts (both schools rate the impact)', () => {
  it('is the mean of both ratings when both exist, else whichever exists, else none', () => {
    expect(trackRecordRating(4, 3)).toBe(3.5);
    expect(trackRecordRating(2, 2)).toBe(2);
    expect(trackRecordRating(null, 3)).toBe(3);
    expect(trackRecordRating(4, undefined)).toBe(4);
    expect(trackRecordRating(null, null)).toBeNull();
  });
  it('stays within 1..4 and between the two ratings for every pair', () => {
    for (const s of [1, 2, 3, 4]) {
      for (const r of [1, 2, 3, 4]) {
        const combined = trackRecordRating(s, r)!;
        expect(combined).toBeGreaterThanOrEqual(Math.min(s, r));
        expect(combined).toBeLessThanOrEqual(Math.max(s, r));
      }
    }
  });
});
