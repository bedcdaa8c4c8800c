// What a day of school-to-school support costs, and who pays: the rates a trust sets, their
// defaults, and the arithmetic. Money is whole pounds (integers), so every sum is exact and
// a budget is never crossed by rounding.
import { DESIGNATIONS, type Designation } from './enums';

/** Who pays for the support (the supporter's day rate). The releasing school always bears its own cover. */
export const COST_PAYERS = ['RECEIVING_SCHOOL', 'TRUST'] as const;
export type CostPayer = (typeof COST_PAYERS)[number];

/**
 * Default day rates, in pounds, until a trust sets its own (setTrustDayRates).
 *
 * There is no national rate: the DfE's guidance on SLEs said there was no pay scale and no
 * set payment for their time, and teaching school alliances published their own charging
 * policies. The defaults are one published set, agreed "across Teaching Schools in our
 * region": Fairfields Teaching School Alliance (Northampton), S2SS Charging Policy
 * 2019-2020, https://fairfieldstsa.org.uk/s2s-support/charging-policy — SLE £350, LLE £450,
 * NLE £550 a day, charged to the supported school. Others are in the same range
 * (London teaching schools' agreed SLE fee £350, https://teaching.stmarylebone.school/specialist-leaders-in-education/;
 * Northern Alliance 2015/16: NLE/LLE £700, SLE £420, http://www.northern-alliance.net/sle/charging-policy/).
 *
 * Assumptions, not from a published rate: NLG (National Leader of Governance) is given the
 * SLE rate, as no charging policy found prices NLG time; staff with no designation are
 * given the same £350, the rate Fairfields' 2021-22 outreach policy charges for an SLE or a
 * "practitioner" (https://fairfieldstsa.org.uk/outreach/charging-policy).
 */
export const DEFAULT_DAY_RATES: Readonly<Record<Designation, number>> = { NLE: 550, LLE: 450, SLE: 350, NLG: 350 };
export const DEFAULT_UNDESIGNATED_DAY_RATE = 350;

/**
 * Default cover day rate, in pounds: what the releasing school pays for a supply teacher
 * while its member of staff is away. An assumption from published figures, not a national
 * rate: agencies charge schools about twice what they pay supply teachers (NEU 2018 survey:
 * over half paid under £125 a day, https://neu.org.uk/advice/supply-teachers-pay-conditions-and-working-time;
 * Tes community, agencies charging "upwards of £200 per day"). Trusts set their own.
 */
export const DEFAULT_COVER_DAY_RATE = 200;
export const DEFAULT_COST_PAYER: CostPayer = 'RECEIVING_SCHOOL';
/** The most any one day rate may be (pounds): a typo guard, far above any published rate. */
export const MAX_DAY_RATE = 5000;

export interface CostRates {
  readonly dayRates: Readonly<Record<Designation, number>>;
  readonly undesignatedDayRate: number;
  readonly coverDayRate: number;
  readonly paidBy: CostPayer;
}

export const DEFAULT_COST_RATES: CostRates = {
  dayRates: DEFAULT_DAY_RATES,
  undesignatedDayRate: DEFAULT_UNDESIGNATED_DAY_RATE,
  coverDayRate: DEFAULT_COVER_DAY_RATE,
  paidBy: DEFAULT_COST_PAYER,
};

/**
 * The day rate of a supporter with these designations: the highest of their designations'
 * rates (a person who is both an NLE and an NLG is engaged at their most senior standing),
 * else the rate for staff without one. A whole school (no person) has no designation.
 */
export function dayRateFor(designations: readonly string[], rates: CostRates): number {
  const own = designations.filter((d): d is Designation => (DESIGNATIONS as readonly string[]).includes(d)).map((d) => rates.dayRates[d]);
  return own.length ? Math.max(...own) : rates.undesignatedDayRate;
}

export interface SupportCost {
  readonly days: number;
  /** The supporter's day rate (pounds). */
  readonly dayRate: number;
  /** The releasing school's cover day rate (pounds). */
  readonly coverDayRate: number;
  /** days * dayRate: paid by `paidBy`. */
  readonly supportCost: number;
  /** days * coverDayRate: borne by the releasing school. */
  readonly coverCost: number;
  /** supportCost + coverCost. */
  readonly total: number;
  readonly paidBy: CostPayer;
}

export function supportCost(days: number, dayRate: number, coverDayRate: number, paidBy: CostPayer): SupportCost {
  const support = days * dayRate;
  const cover = days * coverDayRate;
  return { days, dayRate, coverDayRate, supportCost: support, coverCost: cover, total: support + cover, paidBy };
}
