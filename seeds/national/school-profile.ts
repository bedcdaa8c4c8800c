// What a school is like: phase, size, disadvantage (FSM), Ofsted grade and whether it sits in
// a trust, drawn from distributions like England's.
import type { OfstedRating, Phase } from '../../server/domain/enums';
import { pickWeighted, type Prng } from '../prng';
import { clamp, round } from './numbers';
import type { Region } from './towns';

/** England's phase mix, roughly (DfE: ~75% primary, ~15% secondary). */
export const PHASE_MIX: readonly (readonly [Phase, number])[] = [
  ['PRIMARY', 0.745],
  ['SECONDARY', 0.15],
  ['SPECIAL', 0.045],
  ['ALTERNATIVE_PROVISION', 0.015],
  ['NURSERY', 0.015],
  ['ALL_THROUGH', 0.01],
  ['SIXTEEN_PLUS', 0.01],
  ['MIDDLE', 0.01],
];

/** Pupils on roll: [mean, sd, min, max]. */
const PUPILS: Record<Phase, readonly [number, number, number, number]> = {
  NURSERY: [90, 35, 25, 220],
  PRIMARY: [285, 130, 25, 950],
  MIDDLE: [480, 150, 180, 950],
  SECONDARY: [1020, 330, 250, 2300],
  ALL_THROUGH: [1450, 420, 500, 2800],
  SIXTEEN_PLUS: [900, 600, 150, 3000],
  SPECIAL: [120, 60, 25, 350],
  ALTERNATIVE_PROVISION: [55, 35, 8, 200],
};

/** Share of each phase outside any trust (maintained or single-academy). */
export const STANDALONE_SHARE: Record<Phase, number> = {
  NURSERY: 0.85,
  PRIMARY: 0.41,
  MIDDLE: 0.45,
  SECONDARY: 0.22,
  ALL_THROUGH: 0.3,
  SIXTEEN_PLUS: 0.55,
  SPECIAL: 0.5,
  ALTERNATIVE_PROVISION: 0.6,
};

/** Regional FSM relative to the national mean (North East highest, South East lowest). */
const REGION_FSM_FACTOR: Record<Region, number> = {
  'North East': 1.25,
  'North West': 1.15,
  'West Midlands': 1.15,
  'Yorkshire and the Humber': 1.1,
  London: 1.05,
  'East Midlands': 0.98,
  'South West': 0.85,
  'East of England': 0.85,
  'South East': 0.78,
};

/** FSM relative to mainstream, by phase (special and AP intakes are far more disadvantaged). */
const PHASE_FSM_FACTOR: Record<Phase, number> = {
  NURSERY: 1.1,
  PRIMARY: 1,
  MIDDLE: 0.85,
  SECONDARY: 0.95,
  ALL_THROUGH: 1,
  SIXTEEN_PLUS: 0.9,
  SPECIAL: 1.7,
  ALTERNATIVE_PROVISION: 2.1,
};

const OFSTED_BASE: Record<OfstedRating, number> = {
  OUTSTANDING: 0.15,
  GOOD: 0.69,
  REQUIRES_IMPROVEMENT: 0.12,
  INADEQUATE: 0.03,
  NOT_INSPECTED: 0.01,
};

/** Ofsted grade, a little more likely to be weak where disadvantage is high (as in England). */
export function ofstedFor(rng: Prng, fsm: number): OfstedRating {
  const risk = Math.min(2, Math.max(0.5, 1 + (fsm - 24) / 40));
  const weak = (OFSTED_BASE.REQUIRES_IMPROVEMENT + OFSTED_BASE.INADEQUATE) * risk;
  const outstanding = OFSTED_BASE.OUTSTANDING / Math.sqrt(risk);
  const good = Math.max(0, 1 - weak - outstanding - OFSTED_BASE.NOT_INSPECTED);
  return pickWeighted(rng, [
    ['OUTSTANDING', outstanding],
    ['GOOD', good],
    ['REQUIRES_IMPROVEMENT', OFSTED_BASE.REQUIRES_IMPROVEMENT * risk],
    ['INADEQUATE', OFSTED_BASE.INADEQUATE * risk],
    ['NOT_INSPECTED', OFSTED_BASE.NOT_INSPECTED],
  ] as const);
}

/**
 * FSM %: lognormal (right-skewed, median ~20, mean ~25 before adjustments), scaled by
 * region, phase and rurality, clipped to [0.5, 75], one decimal.
 */
export function fsmFor(rng: Prng, region: Region, phase: Phase, rural: boolean): number {
  const base = Math.exp(3.06 + 0.55 * rng.normal());
  const value = base * REGION_FSM_FACTOR[region] * PHASE_FSM_FACTOR[phase] * (rural ? 0.78 : 1.04);
  return round(Math.min(75, Math.max(0.5, value)), 1);
}

/** Pupils on roll: normal around the phase's mean, clipped to its range. */
export function pupilsFor(rng: Prng, phase: Phase): number {
  const [mean, sd, min, max] = PUPILS[phase];
  return Math.round(clamp(mean + sd * rng.normal(), min, max));
}
