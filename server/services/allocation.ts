// Plans a trust's or hub's open needs against its staff's capacity with the allocation
// core (HiGHS), and commits a plan as proposed deployments, each reserved atomically.
import { stores } from '../db/store';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { type AcademyScope, policy } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import type { ExpertiseArea } from '../domain/taxonomy';
import { greedyAllocation, planAllocation, type AllocationPair, type AllocationPlan } from '../allocation';
import type { ImprovementNeedRecord } from '../models/improvement-need';
import type { StaffMemberRecord } from '../models/staff-member';
import { rankCandidatesForNeed } from '../ranking';
import type { ScoreFactor } from '../ranking/types';
import { proposeDeployment, type DeploymentLean } from './deployments';
import type { LeanDoc } from '../models/lean';
import { academyProfile, needProfile } from '../db/ranking-facts/profiles';
import { rankingFacts } from '../db/ranking-facts';
import { mayHaveDaysInFilter, profileInYear } from '../db/ranking-facts/shared';
import { parseSchoolYearLabel, type SchoolYear, schoolYearOf } from '../domain/school-year';
import { needSchoolYear } from '../domain/year-capacity';
import { currentFsmBanding } from './fsm-banding';
import { notFoundError, refInput } from './references';
import { failed, fromZod, ok, type Outcome, type UserError, userError } from './user-errors';
import { staffDayCosts, type SupporterDayCost } from './cost';
import type { CostPayer } from '../domain/cost';

type NeedLean = LeanDoc<ImprovementNeedRecord>;
type StaffLean = LeanDoc<StaffMemberRecord>;

export interface PairExplanation {
  score: number;
  factors: ScoreFactor[];
  distanceKm: number | null;
}

export interface PlanView {
  plan: AllocationPlan<PairExplanation>;
  greedyObjective: number;
  /** What greedy's plan costs (under the same budget, when one was given). */
  greedyCost: number;
  /** Each planned supporter's day rate and cover day rate, by staff id (the plan's trust's rates). */
  dayCosts: Map<string, SupporterDayCost>;
  /** Who pays for support under the plan's trust's rule. */
  paidBy: CostPayer;
  needs: Map<string, NeedLean>;
  staff: Map<string, StaffLean>;
  scope: { trustId: string; clusterId: string | null };
  /** The school year planned: its needs (by needSchoolYear) against the staff's days in it. */
  schoolYear: SchoolYear;
}

const planInput = z
  .object({
    trustId: refInput.nullish(),
    clusterId: refInput.nullish(),
    needIds: z.array(refInput).max(5000).nullish(),
    supportersFrom: z.enum(['SAME_TRUST', 'ANYWHERE']).default('SAME_TRUST'),
    /** The most the plan may cost (support and cover), in whole pounds. */
    budget: z
      .number({ error: 'must be a whole number of pounds' })
      .int('must be a whole number of pounds')
      .min(0, 'must not be negative')
      .max(100_000_000, 'must be at most £100,000,000')
      .nullish(),
    schoolYear: z.string().trim().nullish(),
  })
  .refine((i) => !!i.trustId !== !!i.clusterId, { path: ['trustId'], message: 'give exactly one of trustId or clusterId' });

async function resolveScope(data: z.infer<typeof planInput>): Promise<{ trustId: string; clusterId: string | null; academyIds: Types.ObjectId[] } | UserError> {
  if (data.clusterId) {
    const ref = data.clusterId;
    if (!ref.ok) return ref.error;
    const cluster = await stores.clusters.get(ref.id);
    if (!cluster) return notFoundError(ref.field, ref.label);
    const academies = await stores.academies.find({ clusterId: cluster._id }, { projection: { _id: 1 } });
    return { trustId: cluster.trustId.toString(), clusterId: cluster._id.toString(), academyIds: academies.map((a) => a._id) };
  }
  const trust = data.trustId!;
  if (!trust.ok) return trust.error;
  const id = trust.id;
  const academies = await stores.academies.find({ trustId: id }, { projection: { _id: 1 } });
  return { trustId: id, clusterId: null, academyIds: academies.map((a) => a._id) };
}

/** Preview: the plan, without writing anything. */
export async function previewAllocation(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<PlanView>> {
  const parsed = planInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const scope = await resolveScope(parsed.data);
  if ('message' in scope) return failed(scope);
  const scopeForPolicy: AcademyScope = { academyId: '', trustId: scope.trustId, clusterId: scope.clusterId };
  if (!policy.arrangeSupportFor(viewer, scopeForPolicy)) {
    throw new ForbiddenError("allocation is planned by the trust's improvement lead, or the hub's executive head for their hub");
  }

  const current = schoolYearOf(now);
  const schoolYear = parsed.data.schoolYear ? parseSchoolYearLabel(parsed.data.schoolYear) : current;
  if (!schoolYear) return failed(userError('schoolYear', `schoolYear must name a school year as YYYY/YY, for example ${current.label}`, 'INVALID_SCHOOL_YEAR'));
  if (schoolYear.startYear < current.startYear) return failed(userError('schoolYear', `${schoolYear.label} is over; plan ${current.label} or a later year`, 'YEAR_OVER'));
  // A plan is for one school year: its needs, against the days people have in it (a
  // deployment takes its days from the need's year, so the plan and its commit agree).
  const inPlanYear = (n: NeedLean) => needSchoolYear(n.windowStart, now).label === schoolYear.label;

  const needFilter: Record<string, unknown> = { academyId: { $in: scope.academyIds }, status: 'OPEN' };
  if (parsed.data.needIds?.length) {
    const ids: string[] = [];
    const errors: UserError[] = [];
    for (const ref of parsed.data.needIds) {
      if (ref.ok) ids.push(ref.id);
      else errors.push(ref.error);
    }
    if (errors.length) return failed(...errors);
    needFilter._id = { $in: ids };
    const found = await stores.needs.count(needFilter);
    if (found !== ids.length) {
      return failed(userError('needIds', 'some needIds are not open needs of this trust or hub', 'NOT_IN_SCOPE'));
    }
  }
  const found = await stores.needs.find(needFilter);
  const needs = found.filter(inPlanYear);
  if (parsed.data.needIds?.length && needs.length !== found.length) {
    return failed(userError('needIds', `some needIds are for another school year than ${schoolYear.label} (their window's start); plan that year for them`, 'OTHER_SCHOOL_YEAR'));
  }
  const areas = [...new Set(needs.map((n) => n.area as ExpertiseArea))];
  const needAcademies = await stores.academies.getMany([...new Set(needs.map((n) => n.academyId.toString()))]);
  const academyById = new Map(needAcademies.flatMap((a) => (a ? [[a._id.toString(), a] as const] : [])));

  // Leavers are never planned (leavers.ts).
  const staffFilter: Record<string, unknown> = { expertiseAreas: { $in: areas }, ...mayHaveDaysInFilter(schoolYear, 1), leftAt: null };
  if (parsed.data.supportersFrom === 'SAME_TRUST') {
    const trustAcademies = await stores.academies.find({ trustId: scope.trustId }, { projection: { _id: 1 } });
    staffFilter.homeAcademyId = { $in: trustAcademies.map((a) => a._id) };
  }
  const staff = areas.length ? await stores.staff.find(staffFilter) : [];
  const profiles = [...(await (await rankingFacts()).staffProfiles(staff, areas)).values()].map((s) => profileInYear(s.profile, s.doc, schoolYear));
  const byArea = new Map<string, typeof profiles>();
  for (const p of profiles) for (const e of p.expertise) byArea.set(e.area, [...(byArea.get(e.area) ?? []), p]);

  // Every (need, supporter) pair that passes the hard constraints, with its fit and explanation.
  const pairs: AllocationPair<PairExplanation>[] = [];
  const allocationNeeds = [];
  for (const need of needs) {
    const academy = academyById.get(need.academyId.toString());
    if (!academy) continue;
    const profile = needProfile(need, academyProfile(academy));
    allocationNeeds.push({ id: profile.id, priority: need.priority, daysOutstanding: Math.max(0, need.daysRequested - need.daysCovered), fsmPercent: academy.fsmPercent ?? null });
    const ranking = rankCandidatesForNeed(profile, byArea.get(need.area) ?? [], { now, first: Number.POSITIVE_INFINITY });
    for (const c of ranking.candidates) {
      pairs.push({ needId: profile.id, supporterId: c.supporter.id, fit: c.score, explanation: { score: c.score, factors: c.factors, distanceKm: c.distanceKm } });
    }
  }
  // A day of a supporter costs their day rate plus their school's cover: what a budget limits.
  const { costs: dayCosts, paidBy } = await staffDayCosts(staff, scope.trustId);
  const supporters = profiles.map((p) => {
    const cost = dayCosts.get(p.id);
    return { id: p.id, remainingDays: p.remainingDays, dayCost: cost ? cost.dayRate + cost.coverDayRate : 0 };
  });
  const problem = { needs: allocationNeeds, supporters, pairs };
  const budget = parsed.data.budget ?? undefined;
  // Fairness by the same bands of disadvantage as the equity ledger (services/fsm-banding.ts).
  const fairness = { banding: await currentFsmBanding() };
  const plan = await planAllocation(problem, budget === undefined ? { fairness } : { budget, fairness });
  // Under a budget the planner has made the greedy plan already (its floor); else make it.
  const greedy = plan.stats.budget ?? (({ objective, cost }) => ({ greedyObjective: objective, greedyCost: cost }))(greedyAllocation(problem, { fairness }));
  return ok({
    plan,
    greedyObjective: greedy.greedyObjective,
    greedyCost: greedy.greedyCost,
    dayCosts,
    paidBy,
    needs: new Map(needs.map((n) => [n._id.toString(), n])),
    staff: new Map(staff.map((s) => [s._id.toString(), s])),
    scope: { trustId: scope.trustId, clusterId: scope.clusterId },
    schoolYear,
  });
}

const commitInput = z.object({
  assignments: z
    .array(z.object({ needId: refInput, staffId: refInput, days: z.number().int().min(1).max(200) }))
    .min(1, 'give at least one assignment')
    // One request counts once against the rate limit; keep a batch to a trust-sized plan.
    .max(500, 'at most 500 assignments at a time'),
});

const ARRANGER_ROLES: Viewer['role'][] = ['ADMIN', 'IMPROVEMENT_LEAD', 'EXECUTIVE_HEAD'];

/** An assignment not committed: its position in the input, and why. */
export interface CommitFailure {
  index: number;
  days: number;
  userErrors: UserError[];
}

/**
 * Turns (part of) a plan into proposed deployments. Each goes through proposeDeployment,
 * so constraints are re-checked and days reserved atomically; parts that went stale are
 * reported with their reasons and the rest is committed.
 */
export async function commitAllocation(viewer: Viewer, input: unknown): Promise<Outcome<{ deployments: DeploymentLean[]; failures: CommitFailure[] }>> {
  if (!ARRANGER_ROLES.includes(viewer.role)) {
    throw new ForbiddenError("deployments are arranged by an improvement lead, an executive head or an ADMIN");
  }
  const parsed = commitInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const deployments: DeploymentLean[] = [];
  const failures: CommitFailure[] = [];
  for (const [index, a] of parsed.data.assignments.entries()) {
    const outcome = await proposeDeployment(viewer, { needId: a.needId, staffId: a.staffId, days: a.days }).catch((error: unknown) => {
      // A refusal for one part (a need outside the caller's scope) must not lose the rest;
      // anything else is a real failure and stays one (and masked in production).
      if (error instanceof ForbiddenError) return failed(userError('needId', error.message, error.code));
      throw error;
    });
    if (outcome.ok) deployments.push(outcome.value);
    else failures.push({ index, days: a.days, userErrors: outcome.userErrors });
  }
  return ok({ deployments, failures });
}
