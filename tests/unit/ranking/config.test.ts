import {
  CANDIDATE_FACTOR_NAMES,
  DEFAULT_RANKING_CONFIG,
  PRIORITY_FACTOR_NAMES,
  rankingConfigProblems,
  type RankingConfig,
} from '../../../server/ranking';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('DEFAULT_RANKING_CONFIG', () => {
  it('has no problems', () => {
    expect(rankingConfigProblems(DEFAULT_RANKING_CONFIG)).toEqual([]);
  });

  it('has candidate weights, priority weights and shares that each sum to 1', () => {
    expect(sum(CANDIDATE_FACTOR_NAMES.map((n) => DEFAULT_RANKING_CONFIG.candidateWeights[n]))).toBeCloseTo(1, 12);
    expect(sum(PRIORITY_FACTOR_NAMES.map((n) => DEFAULT_RANKING_CONFIG.priorityWeights[n]))).toBeCloseTo(1, 12);
    expect(DEFAULT_RANKING_CONFIG.needRanking.fitShare + DEFAULT_RANKING_CONFIG.needRanking.priorityShare).toBe(1);
  });

  it('cannot be changed by accident (deeply frozen)', () => {
    expect(Object.isFrozen(DEFAULT_RANKING_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RANKING_CONFIG.candidateWeights)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RANKING_CONFIG.priority.ofstedValues)).toBe(true);
  });
});

describe('rankingConfigProblems', () => {
  it('reports negative weights, out-of-range values and broken orderings', () => {
    const bad: RankingConfig = {
      ...DEFAULT_RANKING_CONFIG,
      candidateWeights: { ...DEFAULT_RANKING_CONFIG.candidateWeights, proximity: -1 },
      proximity: { scaleKm: 0, unknownValue: 2 },
      expertise: {
        ...DEFAULT_RANKING_CONFIG.expertise,
        levelValues: { DEVELOPING: 0.5, SECURE: 0.4, EXPERT: 0.75, SYSTEM_LEADER: 1 },
      },
    };
    const problems = rankingConfigProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('candidateWeights'),
        expect.stringContaining('proximity.scaleKm'),
        expect.stringContaining('proximity.unknownValue'),
        expect.stringContaining('expertise.levelValues must not decrease'),
      ]),
    );
  });
});
