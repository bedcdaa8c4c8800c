// Need priority: how urgently a need should be met, whoever meets it. Grows with severity,
// with the academy's disadvantage (fsmPercent), with a weaker Ofsted rating, and with
// waiting time (saturating, so old needs rise and nothing starves). Every component is
// non-decreasing in what it measures, so e.g. a higher fsmPercent never lowers priority.
import { DEFAULT_RANKING_CONFIG, PRIORITY_FACTOR_NAMES, type PriorityFactorName, type RankingConfig } from './config';
import type { Factor, PriorityInput } from './factors/factor';
import { inspectionOf, inspectionPriorityDetail, inspectionPriorityValue } from './inspection';
import { clamp01, formatNumber, knownPercent } from './numbers';
import { explain, normalisedWeights, scoreOf, type WeightedFactor } from './score';
import type { NeedPriority } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

export const severity: Factor<PriorityInput> = {
  name: 'severity',
  value: ({ need, config }) => clamp01(config.priority.severityValues[need.severity]),
  detail: ({ need }) => `severity ${need.severity}`,
};

/** Linear in fsmPercent up to the full-weight percentage; unknown means the national average. */
export function disadvantageValue(fsmPercent: number | null, config: RankingConfig): number {
  const fsm = knownPercent(fsmPercent) ?? config.priority.unknownFsmPercent;
  return clamp01(fsm / config.priority.fsmFullWeightPercent);
}

export const disadvantage: Factor<PriorityInput> = {
  name: 'disadvantage',
  value: ({ need, config }) => disadvantageValue(need.academy.fsmPercent, config),
  detail: ({ need, config }) => {
    const known = knownPercent(need.academy.fsmPercent);
    const { unknownFsmPercent, fsmFullWeightPercent } = config.priority;
    return known === null
      ? `free-school-meals share unknown: taken as ${formatNumber(unknownFsmPercent)}% (about the national average)`
      : `${formatNumber(known)}% of pupils eligible for free school meals (full weight at ${formatNumber(fsmFullWeightPercent)}%)`;
  },
};

// Named ofstedRating for existing clients; it goes by the school's latest inspection, a
// single-word judgement or a report card, and its detail names which (inspection.ts).
export const ofstedRating: Factor<PriorityInput> = {
  name: 'ofstedRating',
  value: ({ need, config }) => clamp01(inspectionPriorityValue(inspectionOf(need.academy), config)),
  detail: ({ need, config }) => inspectionPriorityDetail(inspectionOf(need.academy), config),
};

/** Days since the need was raised, never negative (a future or invalid date counts as 0). */
export function waitingDays(raisedAt: Date, now: Date): number {
  const days = (now.getTime() - raisedAt.getTime()) / DAY_MS;
  return Number.isFinite(days) && days > 0 ? days : 0;
}

export const waitingTime: Factor<PriorityInput> = {
  name: 'waitingTime',
  value: ({ need, now, config }) => {
    const days = waitingDays(need.raisedAt, now);
    return clamp01(days / (days + config.priority.waitingHalfDays));
  },
  detail: ({ need, now, config }) => {
    const days = waitingDays(need.raisedAt, now);
    const whole = Math.round(days);
    return `waiting ${whole} day${whole === 1 ? '' : 's'} (half weight at ${formatNumber(config.priority.waitingHalfDays, 0)})`;
  },
};

export const PRIORITY_FACTORS: Readonly<Record<PriorityFactorName, Factor<PriorityInput>>> = {
  severity,
  disadvantage,
  ofstedRating,
  waitingTime,
};

/** The priority components with their weights, scaled to sum to `share`. */
export function priorityModel(config: RankingConfig, share = 1): WeightedFactor<PriorityInput>[] {
  const weights = normalisedWeights(config.priorityWeights, PRIORITY_FACTOR_NAMES, share);
  return PRIORITY_FACTOR_NAMES.map((name) => ({ factor: PRIORITY_FACTORS[name], weight: weights[name] }));
}

/** Priority in [0, 1], as the sum of its factors' contributions. */
export function needPriority(
  need: PriorityInput['need'],
  now: Date,
  config: RankingConfig = DEFAULT_RANKING_CONFIG,
): NeedPriority {
  const model = priorityModel(config);
  const input: PriorityInput = { need, now, config };
  return { score: scoreOf(model, input), factors: explain(model, input) };
}
