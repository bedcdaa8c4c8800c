// Sustainability rules (README, "Ranking weights"): 1, less 0.4 when the home school
// Requires Improvement, less 0.6 when it has an open HIGH/CRITICAL need in the same area;
// an Inadequate home school scores 0 (it is also excluded by a hard constraint). Penalties
// come from the configuration and the value is clamped into [0, 1].
import { DEFAULT_RANKING_CONFIG as C, sustainability, sustainabilityDetail, sustainabilityValue, type RankingConfig } from '../../../server/ranking';
import type { OfstedRating } from '../../../server/domain/enums';
import { academy, need, NOW, supporter } from './fixtures';

const home = (ofstedRating: OfstedRating, homeOpenHighSeverityAreas: ('MATHS' | 'ENGLISH')[] = []) => ({
  homeAcademy: academy({ id: 'h', ofstedRating }),
  homeOpenHighSeverityAreas,
});

describe('sustainabilityValue', () => {
  it('does not penalise Outstanding, Good or not-yet-inspected home schools', () => {
    for (const rating of ['OUTSTANDING', 'GOOD', 'NOT_INSPECTED'] as const) expect(sustainabilityValue('MATHS', home(rating), C)).toBe(1);
  });

  it('is 0 for an Inadequate home school even with nothing else against it', () => {
    expect(sustainabilityValue('MATHS', home('INADEQUATE'), C)).toBe(0);
    const noPenalties: RankingConfig = { ...C, sustainability: { requiresImprovementPenalty: 0, openHighSeverityNeedPenalty: 0 } };
    expect(sustainabilityValue('MATHS', home('INADEQUATE'), noPenalties)).toBe(0);
  });

  it('takes each penalty from the configuration and clamps the result into [0, 1]', () => {
    const custom: RankingConfig = { ...C, sustainability: { requiresImprovementPenalty: 0.25, openHighSeverityNeedPenalty: 0.5 } };
    expect(sustainabilityValue('MATHS', home('REQUIRES_IMPROVEMENT'), custom)).toBe(0.75);
    expect(sustainabilityValue('MATHS', home('GOOD', ['MATHS']), custom)).toBe(0.5);
    expect(sustainabilityValue('MATHS', home('REQUIRES_IMPROVEMENT', ['MATHS']), custom)).toBe(0.25);
    const heavy: RankingConfig = { ...C, sustainability: { requiresImprovementPenalty: 0.9, openHighSeverityNeedPenalty: 0.9 } };
    expect(sustainabilityValue('MATHS', home('REQUIRES_IMPROVEMENT', ['MATHS']), heavy)).toBe(0);
  });
});

describe('sustainabilityDetail', () => {
  it('names each reason on its own', () => {
    expect(sustainabilityDetail('MATHS', home('INADEQUATE', ['MATHS']))).toBe('home school is Inadequate');
    expect(sustainabilityDetail('MATHS', home('REQUIRES_IMPROVEMENT'))).toBe('home school Requires Improvement');
    expect(sustainabilityDetail('MATHS', home('GOOD', ['ENGLISH', 'MATHS']))).toBe(
      'home school has its own open high-severity need in Mathematics',
    );
  });

  it('says the home school can spare them when nothing counts against it', () => {
    expect(sustainabilityDetail('MATHS', home('GOOD', ['ENGLISH']))).toBe(
      'home school can spare them (not Requires Improvement, no open high-severity need in the area)',
    );
  });
});

describe('the sustainability factor reads the need’s area and the supporter’s home school', () => {
  it('gives the value and sentence for the pair', () => {
    const input = {
      need: need({ area: 'ENGLISH' }),
      supporter: supporter({ homeAcademy: academy({ id: 'h', ofstedRating: 'GOOD' }), homeOpenHighSeverityAreas: ['ENGLISH'] }),
      distanceKm: null,
      now: NOW,
      config: C,
    };
    expect(sustainability.name).toBe('sustainability');
    expect(sustainability.value(input)).toBeCloseTo(0.4, 12);
    expect(sustainability.detail(input)).toBe('home school has its own open high-severity need in English');
  });
});
