// rankingConfigProblems guards every custom configuration (README, "Ranking weights"): a
// weight group must be finite, non-negative and not all zero; a value read as a [0, 1]
// factor value must lie in [0, 1]; scales must be > 0; penalties, tolerances and limits
// must be >= 0; ordered scales must not decrease. Each rule is tested on its own, one field
// changed at a time, at the boundary (the boundary value itself is accepted) and just past it.
import {
  CANDIDATE_FACTOR_NAMES,
  DEFAULT_RANKING_CONFIG,
  NEED_FIT_FACTOR_NAMES,
  NEED_RANKING_FACTOR_NAMES,
  PRIORITY_FACTOR_NAMES,
  rankingConfigProblems,
  type RankingConfig,
} from '../../../server/ranking';

/** A copy of `base` (the defaults) with one field, named by its dotted path, set to `value`. */
function withField(path: string, value: number, base: RankingConfig = DEFAULT_RANKING_CONFIG): RankingConfig {
  const config = structuredClone(base) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let target = config;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (!(keys.at(-1)! in target)) throw new Error(`no field ${path}`);
  target[keys.at(-1)!] = value;
  return config as unknown as RankingConfig;
}
const problemsWith = (path: string, value: number) => rankingConfigProblems(withField(path, value));

describe('weight groups: finite, >= 0, not all 0', () => {
  const groups: [string, readonly string[]][] = [
    ['candidateWeights', CANDIDATE_FACTOR_NAMES],
    ['priorityWeights', PRIORITY_FACTOR_NAMES],
    ['needRanking', ['fitShare', 'priorityShare']],
    ['expertise.parts', ['level', 'phase', 'designation']],
  ];

  it.each(groups)('%s: a negative, NaN or infinite weight is named once', (group, names) => {
    for (const name of names) {
      for (const bad of [-0.01, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(problemsWith(`${group}.${name}`, bad)).toEqual([`${group}: weights must be finite and >= 0`]);
      }
    }
  });

  it.each(groups)('%s: a single weight of 0 is fine, all of them 0 is not', (group, names) => {
    expect(problemsWith(`${group}.${names[0]}`, 0)).toEqual([]);
    let config = DEFAULT_RANKING_CONFIG;
    for (const name of names) config = withField(`${group}.${name}`, 0, config);
    expect(rankingConfigProblems(config)).toEqual([`${group}: weights must not all be 0`]);
  });
});

describe('values used as factor values lie in [0, 1]', () => {
  // Each field with a value below 0 and a value above 1 that keep any ordering intact.
  const unit: [path: string, below: number, above: number][] = [
    ['expertise.relatedPhaseValue', -0.01, 1.01],
    ['trackRecord.prior', -0.01, 1.01],
    ['proximity.unknownValue', -0.01, 1.01],
    ['context.unknownValue', -0.01, 1.01],
    ['expertise.levelValues.DEVELOPING', -0.01, Number.NaN],
    ['expertise.levelValues.SYSTEM_LEADER', Number.NaN, 1.01],
    ['network.outside', -0.01, Number.NaN],
    ['network.sameCluster', Number.NaN, 1.01],
    ['priority.severityValues.LOW', -0.01, Number.NaN],
    ['priority.severityValues.CRITICAL', Number.NaN, 1.01],
    ['priority.ofstedValues.OUTSTANDING', -0.01, Number.NaN],
    ['priority.ofstedValues.INADEQUATE', Number.NaN, 1.01],
    ['priority.ofstedValues.NOT_INSPECTED', -0.01, 1.01],
  ];

  it.each(unit)('%s: outside [0, 1] (or NaN) is named', (path, below, above) => {
    expect(problemsWith(path, below)).toEqual([`${path} must be in [0, 1]`]);
    expect(problemsWith(path, above)).toEqual([`${path} must be in [0, 1]`]);
  });

  it.each(['expertise.relatedPhaseValue', 'trackRecord.prior', 'proximity.unknownValue', 'context.unknownValue', 'priority.ofstedValues.NOT_INSPECTED'])(
    '%s: 0 and 1 themselves are fine',
    (path) => {
      expect(problemsWith(path, 0)).toEqual([]);
      expect(problemsWith(path, 1)).toEqual([]);
    },
  );
});

describe('scales that divide must be > 0', () => {
  const positives = [
    'trackRecord.priorStrength',
    'proximity.scaleKm',
    'context.spanPoints',
    'priority.fsmFullWeightPercent',
    'priority.waitingHalfDays',
  ];

  it.each(positives)('%s: 0, negative, NaN or infinite is named; a small positive is fine', (path) => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(problemsWith(path, bad)).toEqual([`${path} must be > 0`]);
    }
    expect(problemsWith(path, 1e-9)).toEqual([]);
  });
});

describe('penalties, tolerances and limits must be >= 0', () => {
  const nonNegatives = [
    'sustainability.requiresImprovementPenalty',
    'sustainability.openHighSeverityNeedPenalty',
    'context.tolerancePoints',
    'priority.unknownFsmPercent',
    'constraints.defaultAcademyMaxTravelKm',
    'constraints.minimumUsefulDays',
  ];

  it.each(nonNegatives)('%s: negative, NaN or infinite is named; 0 is fine', (path) => {
    for (const bad of [-0.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(problemsWith(path, bad)).toEqual([`${path} must be >= 0`]);
    }
    expect(problemsWith(path, 0)).toEqual([]);
  });
});

describe('ordered scales must not decrease (the monotonicity promises rest on them)', () => {
  const scales: [label: string, paths: string[]][] = [
    ['expertise.levelValues', ['DEVELOPING', 'SECURE', 'EXPERT', 'SYSTEM_LEADER'].map((l) => `expertise.levelValues.${l}`)],
    ['priority.severityValues', ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => `priority.severityValues.${s}`)],
    [
      'priority.ofstedValues (OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE)',
      ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'].map((o) => `priority.ofstedValues.${o}`),
    ],
    ['network (outside, sameTrust, sameCluster)', ['network.outside', 'network.sameTrust', 'network.sameCluster']],
  ];

  it.each(scales)('%s: a step down anywhere is named; equal neighbours are fine', (label, paths) => {
    const message = `${label} must not decrease along the scale`;
    for (let i = 1; i < paths.length; i++) {
      // Step i set just below step i-1 (still inside [0, 1]).
      const before = valueAt(paths[i - 1]!);
      expect(problemsWith(paths[i]!, before - 0.01)).toEqual([message]);
      expect(problemsWith(paths[i]!, before)).toEqual([]);
    }
  });
});

function valueAt(path: string): number {
  let v: unknown = DEFAULT_RANKING_CONFIG;
  for (const key of path.split('.')) v = (v as Record<string, unknown>)[key];
  return v as number;
}

describe('several problems are all reported', () => {
  it('lists one message per broken rule, in the order the rules are checked', () => {
    let config = withField('needRanking.fitShare', -1);
    config = withField('trackRecord.prior', 2, config);
    config = withField('proximity.scaleKm', 0, config);
    config = withField('context.tolerancePoints', -1, config);
    config = withField('network.sameTrust', 0.1, config);
    expect(rankingConfigProblems(config)).toEqual([
      'needRanking: weights must be finite and >= 0',
      'trackRecord.prior must be in [0, 1]',
      'proximity.scaleKm must be > 0',
      'context.tolerancePoints must be >= 0',
      'network (outside, sameTrust, sameCluster) must not decrease along the scale',
    ]);
  });
});

describe('the factor lists the rankings are built from', () => {
  it('names the candidate factors, the need-fit factors (no context) and the need-ranking factors in order', () => {
    expect(CANDIDATE_FACTOR_NAMES).toEqual(['expertiseFit', 'trackRecord', 'proximity', 'network', 'sustainability', 'context']);
    expect(NEED_FIT_FACTOR_NAMES).toEqual(CANDIDATE_FACTOR_NAMES.filter((n) => n !== 'context'));
    expect(NEED_RANKING_FACTOR_NAMES).toEqual([...NEED_FIT_FACTOR_NAMES, ...PRIORITY_FACTOR_NAMES]);
  });
});

describe('DEFAULT_RANKING_CONFIG is frozen all the way down', () => {
  it('every nested object is frozen', () => {
    const walk = (value: unknown, path: string) => {
      if (value && typeof value === 'object') {
        expect([path, Object.isFrozen(value)]).toEqual([path, true]);
        for (const [k, inner] of Object.entries(value)) walk(inner, `${path}.${k}`);
      }
    };
    walk(DEFAULT_RANKING_CONFIG, 'config');
    expect(DEFAULT_RANKING_CONFIG.expertise.sleMinimumLevel).toBe('EXPERT');
  });

  it('names a report-card grade value or the category-of-concern value outside [0, 1] by its field', () => {
    const C = DEFAULT_RANKING_CONFIG;
    const grade = { ...C, priority: { ...C.priority, reportCardGradeValues: { ...C.priority.reportCardGradeValues, URGENT_IMPROVEMENT: 1.5 } } };
    expect(rankingConfigProblems(grade)).toContain('priority.reportCardGradeValues.URGENT_IMPROVEMENT must be in [0, 1]');
    const concern = { ...C, priority: { ...C.priority, categoryOfConcernValue: 1.5 } };
    expect(rankingConfigProblems(concern)).toContain('priority.categoryOfConcernValue must be in [0, 1]');
    expect(rankingConfigProblems({ ...C, priority: { ...C.priority, categoryOfConcernValue: 1 } })).toEqual([]);
  });
});
