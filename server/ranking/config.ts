// The one place where every ranking weight and threshold lives, each with the reason for
// its default. Background documents are cited by file name under shared/background/:
//   000 = National Schools Commissioner's letter (2021)
//   001 = Ofsted Chief Inspector on 7 high-performing trusts (2016)
//   003 = CST, "The Power of the Group" (2021)
//   004 = DfE South-West RSC, "Characteristics of successful MATs" (2015)
import { EXPERTISE_LEVELS, NEED_SEVERITIES } from '../domain/enums';
import type { ExpertiseLevel, NeedSeverity, OfstedRating } from '../domain/enums';
import { REPORT_CARD_GRADES, type ReportCardGrade } from '../domain/inspection';

/** Soft factors that compare candidates for one need. */
export const CANDIDATE_FACTOR_NAMES = [
  'expertiseFit',
  'trackRecord',
  'proximity',
  'network',
  'sustainability',
  'context',
] as const;
export type CandidateFactorName = (typeof CANDIDATE_FACTOR_NAMES)[number];

/**
 * The fit factors reused when one supporter's needs are ranked against each other.
 * `context` is left out on purpose: it would lower a need for being more disadvantaged
 * than the supporter's own school, and across needs disadvantage may only pull up.
 */
export const NEED_FIT_FACTOR_NAMES = [
  'expertiseFit',
  'trackRecord',
  'proximity',
  'network',
  'sustainability',
] as const satisfies readonly CandidateFactorName[];
export type NeedFitFactorName = (typeof NEED_FIT_FACTOR_NAMES)[number];

/** Components of a need's priority. */
export const PRIORITY_FACTOR_NAMES = ['severity', 'disadvantage', 'ofstedRating', 'waitingTime'] as const;
export type PriorityFactorName = (typeof PRIORITY_FACTOR_NAMES)[number];

/** Factors of a need ranked for one supporter, in the order they are listed and summed. */
export const NEED_RANKING_FACTOR_NAMES = [...NEED_FIT_FACTOR_NAMES, ...PRIORITY_FACTOR_NAMES] as const;
export type NeedRankingFactorName = (typeof NEED_RANKING_FACTOR_NAMES)[number];

export interface RankingConfig {
  /**
   * Relative weights of the candidate factors. Normalised to sum to 1 when they do not
   * already, so a score always lies in [0, 1].
   */
  readonly candidateWeights: Readonly<Record<CandidateFactorName, number>>;
  /** Relative weights of the need-priority components (normalised likewise). */
  readonly priorityWeights: Readonly<Record<PriorityFactorName, number>>;
  /**
   * Ranking needs for one supporter: score = fitShare * (fit factors, weighted as for
   * candidates, without context) + priorityShare * (priority components).
   */
  readonly needRanking: { readonly fitShare: number; readonly priorityShare: number };
  readonly expertise: {
    /** Value of each level, weakest first. */
    readonly levelValues: Readonly<Record<ExpertiseLevel, number>>;
    /** Split of the expertise-fit value between level, phase match and designation. */
    readonly parts: { readonly level: number; readonly phase: number; readonly designation: number };
    /** Phase value when the person's phases are related to the need's but not equal. */
    readonly relatedPhaseValue: number;
    /** An SLE designation counts for an area only where the person's level is at least this. */
    readonly sleMinimumLevel: ExpertiseLevel;
  };
  readonly trackRecord: {
    /** Expected normalised impact (0..1) before any evidence. */
    readonly prior: number;
    /** How many deployments' worth of evidence the prior is worth. */
    readonly priorStrength: number;
  };
  readonly proximity: {
    /** value = scaleKm / (scaleKm + distance): half value at this distance. */
    readonly scaleKm: number;
    /** Value when either location is unknown. */
    readonly unknownValue: number;
  };
  readonly network: {
    readonly sameCluster: number;
    readonly sameTrust: number;
    readonly outside: number;
  };
  readonly sustainability: {
    /** Subtracted when the home school is itself Requires Improvement. */
    readonly requiresImprovementPenalty: number;
    /** Subtracted when the home school has an open HIGH/CRITICAL need in the same area. */
    readonly openHighSeverityNeedPenalty: number;
  };
  readonly context: {
    /** FSM percentage points by which the need's school may exceed the supporter's and still count as "similar". */
    readonly tolerancePoints: number;
    /** Further points over which the value falls linearly from 1 to 0. */
    readonly spanPoints: number;
    /** Value when either FSM percentage is unknown. */
    readonly unknownValue: number;
  };
  readonly priority: {
    readonly severityValues: Readonly<Record<NeedSeverity, number>>;
    readonly ofstedValues: Readonly<Record<OfstedRating, number>>;
    /**
     * A report card's value is the mean of its area grades' values (docs/ofsted-inspections.md);
     * a school in a category of concern (safeguarding not met, or urgent improvement in any
     * area) gets categoryOfConcernValue instead.
     */
    readonly reportCardGradeValues: Readonly<Record<ReportCardGrade, number>>;
    readonly categoryOfConcernValue: number;
    /** FSM percentage at (and above) which the disadvantage component is 1; linear below. */
    readonly fsmFullWeightPercent: number;
    /** FSM percentage assumed when an academy's is unknown. */
    readonly unknownFsmPercent: number;
    /** waiting value = days / (days + waitingHalfDays): half at this many days. */
    readonly waitingHalfDays: number;
  };
  readonly constraints: {
    /** Travel limit for an ACADEMY supporter with no stated maxTravelKm. */
    readonly defaultAcademyMaxTravelKm: number;
    /** Fewer remaining days than this (or than the need's outstanding days, if fewer) rule a supporter out. */
    readonly minimumUsefulDays: number;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_RANKING_CONFIG: RankingConfig = deepFreeze({
  candidateWeights: {
    // The core question is "can this person fix this problem?": the largest single weight.
    expertiseFit: 0.3,
    // 004 (Step 6, Leading): the pool of "talented teachers and leaders who know the impact
    // of their work and can name it". Evidence of impact matters, but it is sparse and
    // smoothed, so it must not drown expertise.
    trackRecord: 0.15,
    // 001: heads in strong trusts "work in tight, usually local networks"; strong trusts
    // "resisted the temptation ... to spread themselves too thinly across a wide
    // geographical area". Travel time is also days lost to the home school.
    proximity: 0.15,
    // 003 and the Education Committee evidence quoted in it: partnerships "with clear lines
    // of accountability and some element of obligation are more likely to be successful";
    // 001: ASPIRE hubs with an executive head accountable for the hub.
    network: 0.15,
    // Do not rob one school to pay another: a smaller weight, because it only separates
    // candidates whose home school is itself fragile.
    sustainability: 0.1,
    // 003: in trusts, moves to help struggling schools "are more likely to be to schools with
    // more disadvantaged pupils"; a supporter from a similar or more disadvantaged intake
    // has shown their practice works in that context.
    context: 0.15,
  },
  priorityWeights: {
    // The raiser's own judgement of how serious the need is: the largest component.
    severity: 0.35,
    // The product's mission (DESIGN: "favouring the schools with the most disadvantaged
    // pupils"); 001: strong trusts are "ambitious about transforming educational
    // achievements for their poorest pupils"; 003: moves go to more disadvantaged schools.
    disadvantage: 0.3,
    // External evidence of weakness; smaller than severity because inspection grades can be
    // years old and are whole-school, not area-specific.
    ofstedRating: 0.2,
    // Anti-starvation. Saturating, so at most +0.15: enough for an old need to overtake a
    // fresh one a severity step above (0.35 * 0.25 = 0.0875), never enough for a LOW need
    // to overtake a fresh CRITICAL one (0.35 * 0.75 = 0.2625).
    waitingTime: 0.15,
  },
  needRanking: {
    // "Where could I help most?" is half "where do I fit" and half "where is help most
    // needed"; equal shares keep both visible in the factor list.
    fitShare: 0.5,
    priorityShare: 0.5,
  },
  expertise: {
    // Evenly spaced ranks: each step up the ordered scale is worth the same.
    levelValues: { DEVELOPING: 0.25, SECURE: 0.5, EXPERT: 0.75, SYSTEM_LEADER: 1 },
    // Level is the person's own depth in the area (half); phase experience matters a lot in
    // schools (phonics in Year 1 is not A-level chemistry); a relevant designation is an
    // external, quality-assured endorsement (004 Step 9: NLE, NLG and SLE system leaders).
    parts: { level: 0.5, phase: 0.3, designation: 0.2 },
    // Adjacent phases (e.g. primary and middle, secondary and sixteen-plus) share much of
    // their practice: half credit.
    relatedPhaseValue: 0.5,
    // SLEs are designated in a specialism the profile does not record; an EXPERT (or
    // higher) entry in the area is the best evidence that it is their specialism.
    sleMinimumLevel: 'EXPERT',
  },
  trackRecord: {
    // No evidence either way: the middle of the impact scale (rating 2.5 of 1-4).
    prior: 0.5,
    // A newcomer starts at the prior, not at zero; one lucky "4" moves them only to
    // (0.5*3 + 1)/(3 + 1) = 0.625; it takes several results to approach the extremes.
    priorStrength: 3,
  },
  proximity: {
    // Half value at 10 km: roughly a cluster's (hub's) radius, a 20-minute drive (001:
    // tight local networks); value never reaches 0, so a distant expert still ranks.
    scaleKm: 10,
    // Unknown location: the value at the scale distance, neither rewarded nor punished.
    unknownValue: 0.5,
  },
  network: {
    // 001 (ASPIRE hubs with an executive head) and 003 (clear lines of accountability): the
    // cluster is the tightest line of accountability, the trust next, outside the least.
    // Outside is not 0: support beyond the trust is still valuable (004 Step 9).
    sameCluster: 1,
    sameTrust: 0.6,
    outside: 0.2,
  },
  sustainability: {
    // A Requires Improvement school has less slack to release staff.
    requiresImprovementPenalty: 0.4,
    // An open high-severity need in the very area the person would leave to support:
    // taking them makes the home school's own gap worse. Both together give 0.
    openHighSeverityNeedPenalty: 0.6,
  },
  context: {
    // FSM percentages move a few points year to year: within 5 points is "similar".
    tolerancePoints: 5,
    // A supporter's school 30 or more points less disadvantaged gets 0 on this factor.
    spanPoints: 25,
    unknownValue: 0.5,
  },
  priority: {
    // Evenly spaced ranks, LOW still above zero so it registers.
    severityValues: { LOW: 0.25, MEDIUM: 0.5, HIGH: 0.75, CRITICAL: 1 },
    // Weaker judgement, higher priority. NOT_INSPECTED sits just above GOOD: most schools
    // are Good, but an uninspected school (new, or newly converted) has no external
    // assurance yet and often less settled practice.
    ofstedValues: {
      INADEQUATE: 1,
      REQUIRES_IMPROVEMENT: 0.7,
      NOT_INSPECTED: 0.4,
      GOOD: 0.3,
      OUTSTANDING: 0.1,
    },
    // Report cards (from November 2025) are not the old grades in new words (Ofsted says so),
    // so they get their own scale, read area by area: a school at the expected standard in
    // every area sits where an uninspected school does (no external evidence either way);
    // each area needing attention pulls the mean up, each strong or exceptional one down.
    // The mean, not the worst area: one weak area out of six is less need than six.
    reportCardGradeValues: {
      EXCEPTIONAL: 0.1,
      STRONG_STANDARD: 0.25,
      EXPECTED_STANDARD: 0.4,
      NEEDS_ATTENTION: 0.7,
      URGENT_IMPROVEMENT: 1,
    },
    // A category of concern is the report-card counterpart of Inadequate in its consequence
    // (the school must not lend staff, and needs help most), whatever its other areas say.
    categoryOfConcernValue: 1,
    // About one pupil in four is eligible for free school meals nationally; a school at
    // twice that (50%) is among the most disadvantaged in England and gets the full value.
    fsmFullWeightPercent: 50,
    // Unknown FSM: assume the national average (about a quarter), giving a neutral 0.5.
    unknownFsmPercent: 25,
    // Six weeks, roughly a half-term (the planning unit of English schools): a need that has
    // waited a half-term gets half the waiting boost, a year about 0.9 of it.
    waitingHalfDays: 42,
  },
  constraints: {
    // A whole-school partnership means repeated visits by several staff; 40 km is under an
    // hour's drive and keeps academy-to-academy support local (001).
    defaultAcademyMaxTravelKm: 40,
    // 001: "ongoing coaching ... [has] a much greater impact ... than ad hoc training days":
    // one day is a visit, not support. Two days is the least worth brokering (unless the
    // need itself has fewer days outstanding).
    minimumUsefulDays: 2,
  },
});

/** Problems with a configuration, as messages; empty when it is usable. */
export function rankingConfigProblems(config: RankingConfig): string[] {
  const problems: string[] = [];
  const weightGroups: [string, Record<string, number>][] = [
    ['candidateWeights', config.candidateWeights],
    ['priorityWeights', config.priorityWeights],
    ['needRanking', config.needRanking],
    ['expertise.parts', config.expertise.parts],
  ];
  for (const [label, weights] of weightGroups) {
    const values = Object.values(weights);
    if (values.some((w) => !Number.isFinite(w) || w < 0)) problems.push(`${label}: weights must be finite and >= 0`);
    else if (values.reduce((a, b) => a + b, 0) <= 0) problems.push(`${label}: weights must not all be 0`);
  }
  const unitValues: [string, number][] = [
    ['expertise.relatedPhaseValue', config.expertise.relatedPhaseValue],
    ['trackRecord.prior', config.trackRecord.prior],
    ['proximity.unknownValue', config.proximity.unknownValue],
    ['context.unknownValue', config.context.unknownValue],
    ...Object.entries(config.expertise.levelValues).map(([k, v]): [string, number] => [`expertise.levelValues.${k}`, v]),
    ...Object.entries(config.network).map(([k, v]): [string, number] => [`network.${k}`, v]),
    ...Object.entries(config.priority.severityValues).map(([k, v]): [string, number] => [`priority.severityValues.${k}`, v]),
    ...Object.entries(config.priority.ofstedValues).map(([k, v]): [string, number] => [`priority.ofstedValues.${k}`, v]),
    ...Object.entries(config.priority.reportCardGradeValues).map(([k, v]): [string, number] => [`priority.reportCardGradeValues.${k}`, v]),
    ['priority.categoryOfConcernValue', config.priority.categoryOfConcernValue],
  ];
  for (const [label, v] of unitValues) {
    if (!(v >= 0 && v <= 1)) problems.push(`${label} must be in [0, 1]`);
  }
  const positives: [string, number][] = [
    ['trackRecord.priorStrength', config.trackRecord.priorStrength],
    ['proximity.scaleKm', config.proximity.scaleKm],
    ['context.spanPoints', config.context.spanPoints],
    ['priority.fsmFullWeightPercent', config.priority.fsmFullWeightPercent],
    ['priority.waitingHalfDays', config.priority.waitingHalfDays],
  ];
  for (const [label, v] of positives) {
    if (!(Number.isFinite(v) && v > 0)) problems.push(`${label} must be > 0`);
  }
  const nonNegatives: [string, number][] = [
    ['sustainability.requiresImprovementPenalty', config.sustainability.requiresImprovementPenalty],
    ['sustainability.openHighSeverityNeedPenalty', config.sustainability.openHighSeverityNeedPenalty],
    ['context.tolerancePoints', config.context.tolerancePoints],
    ['priority.unknownFsmPercent', config.priority.unknownFsmPercent],
    ['constraints.defaultAcademyMaxTravelKm', config.constraints.defaultAcademyMaxTravelKm],
    ['constraints.minimumUsefulDays', config.constraints.minimumUsefulDays],
  ];
  for (const [label, v] of nonNegatives) {
    if (!(Number.isFinite(v) && v >= 0)) problems.push(`${label} must be >= 0`);
  }
  // The monotonicity promises (more expertise never lowers a score, a more severe need is
  // never less urgent) rest on these orderings.
  const nonDecreasing = (label: string, values: number[]) => {
    if (values.some((v, i) => i > 0 && v < values[i - 1]!)) problems.push(`${label} must not decrease along the scale`);
  };
  nonDecreasing('expertise.levelValues', EXPERTISE_LEVELS.map((l) => config.expertise.levelValues[l]));
  nonDecreasing('priority.severityValues', NEED_SEVERITIES.map((s) => config.priority.severityValues[s]));
  const o = config.priority.ofstedValues;
  nonDecreasing('priority.ofstedValues (OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE)', [
    o.OUTSTANDING,
    o.GOOD,
    o.REQUIRES_IMPROVEMENT,
    o.INADEQUATE,
  ]);
  // Best first in REPORT_CARD_GRADES; a worse grade must never lower priority.
  nonDecreasing('priority.reportCardGradeValues (EXCEPTIONAL ... URGENT_IMPROVEMENT)', REPORT_CARD_GRADES.map((g) => config.priority.reportCardGradeValues[g]));
  const n = config.network;
  nonDecreasing('network (outside, sameTrust, sameCluster)', [n.outside, n.sameTrust, n.sameCluster]);
  return problems;
}
