import type { AllocationAssignment, FairnessGroup, FairnessReport, UnmetNeed } from '../../server/allocation';
import { commitAllocation, type CommitFailure, type PairExplanation, type PlanView, previewAllocation } from '../../server/services/allocation';
import type { DeploymentLean } from '../../server/services/deployments';
import { builder } from '../builder';
import { inputMutation } from '../mutations';
import { decodeIds, PLAN_ALLOCATION_IDS, refOf } from '../ids';
import { DeploymentRef, ImprovementNeedRef, StaffMemberRef } from '../refs';
import { viewerOf } from '../viewer';
import { ScoreFactorType } from './score-factor';
import { CostPayerEnum, SupportCostType } from './cost';
import { supportCost } from '../../server/domain/cost';
import { UserErrorType } from './user-error';
import type { UserError } from '../../server/services/user-errors';

type Assignment = AllocationAssignment<PairExplanation> & { view: PlanView };
type Unmet = UnmetNeed & { view: PlanView };

const PlannedAssignmentType = builder.objectRef<Assignment>('PlannedAssignment').implement({
  description: 'Days of one staff member planned for one need.',
  fields: (t) => ({
    need: t.field({ type: ImprovementNeedRef, description: 'The need.', resolve: (a) => a.view.needs.get(a.needId)! }),
    staffMember: t.field({ type: StaffMemberRef, description: 'Who would go.', resolve: (a) => a.view.staff.get(a.supporterId)! }),
    days: t.exposeInt('days', { description: 'Days planned.' }),
    fit: t.exposeFloat('fit', { description: 'The ranking score of this person for this need, in [0, 1].' }),
    priority: t.exposeFloat('priority', { description: 'The need’s priority, in [0, 1].' }),
    value: t.exposeFloat('value', { description: 'priority × fit × days: what this assignment adds to the objective.' }),
    factors: t.field({ type: [ScoreFactorType], description: 'Why this person fits: the ranking factors, adding up to `fit`.', resolve: (a) => a.explanation?.factors.map((f) => ({ ...f, detail: f.detail ?? null })) ?? [] }),
    distanceKm: t.float({ nullable: true, description: 'Distance between the schools, in km.', resolve: (a) => a.explanation?.distanceKm ?? null }),
    cost: t.field({
      type: SupportCostType,
      description: 'What these days cost at the trust’s rates: the supporter’s day rate and their school’s cover.',
      resolve: (a) => {
        const rates = a.view.dayCosts.get(a.supporterId) ?? { dayRate: 0, coverDayRate: 0 };
        return supportCost(a.days, rates.dayRate, rates.coverDayRate, a.view.paidBy);
      },
    }),
  }),
});

interface PlanCostShape {
  supportCost: number;
  coverCost: number;
  total: number;
}

const PlanCostType = builder.objectRef<PlanCostShape>('PlanCost').implement({
  description: 'What a whole plan costs, in whole pounds.',
  fields: (t) => ({
    supportCost: t.exposeInt('supportCost', { description: 'Sum of the assignments’ support costs.' }),
    coverCost: t.exposeInt('coverCost', { description: 'Sum of the assignments’ cover costs (borne by the releasing schools).' }),
    total: t.exposeInt('total', { description: 'supportCost + coverCost: never more than the budget, when one was given.' }),
  }),
});

function planCost(view: PlanView): PlanCostShape {
  let support = 0;
  let cover = 0;
  for (const a of view.plan.assignments) {
    const rates = view.dayCosts.get(a.supporterId) ?? { dayRate: 0, coverDayRate: 0 };
    support += a.days * rates.dayRate;
    cover += a.days * rates.coverDayRate;
  }
  return { supportCost: support, coverCost: cover, total: support + cover };
}

const UnmetReasonEnum = builder.enumType('UnmetReason', {
  description: 'Why (part of) a need stays unmet in a plan.',
  values: {
    NO_ELIGIBLE_SUPPORTER: { description: 'Nobody passes the hard constraints for it.' },
    ZERO_VALUE: { description: 'Eligible supporters exist but none adds any value.' },
    NO_CAPACITY: { description: 'Every eligible supporter had no days left before planning.' },
    CANDIDATE_LIMIT: { description: 'The planner considered too few candidates (only without pricing).' },
    BUDGET: { description: 'Unmet because of the budget: an eligible supporter still has days, but a day of theirs costs more than the budget left (the money went to needs where it buys more).' },
    CAPACITY_EXHAUSTED: { description: 'Every eligible supporter’s days went to this or more valuable needs; only more capacity helps.' },
  },
});

const UnmetNeedType = builder.objectRef<Unmet>('UnmetNeed').implement({
  description: 'A need the plan leaves (partly) unmet, and why.',
  fields: (t) => ({
    need: t.field({ type: ImprovementNeedRef, description: 'The need.', resolve: (u) => u.view.needs.get(u.needId)! }),
    daysRequested: t.exposeInt('daysRequested', { description: 'Days still wanted before planning.' }),
    daysAllocated: t.exposeInt('daysAllocated', { description: 'Days the plan gives it.' }),
    daysUnmet: t.exposeInt('daysUnmet', { description: 'Days left unmet.' }),
    reason: t.field({ type: UnmetReasonEnum, description: 'Why.', resolve: (u) => u.reason }),
    eligibleSupporters: t.exposeInt('eligibleSupporters', { description: 'Supporters passing the hard constraints for it.' }),
  }),
});

import { FsmBandingType } from './fsm-banding';

const FairnessGroupType = builder.objectRef<FairnessGroup>('FairnessGroup').implement({
  description: 'Needs in one free-school-meals band: their share of the days requested against their share of the days allocated.',
  fields: (t) => ({
    group: t.exposeString('group', { description: 'BAND_1 (least disadvantaged) to BAND_5 (most), or UNKNOWN. What the bands are is the report\'s banding (national quintiles, or the fixed 20-point fallback).' }),
    label: t.exposeString('label', { description: 'What the band is and its FSM range, e.g. "National FSM quintile 2 (second): 9.1% to <15.2%" or "FSM 20% to <40% (fixed 20-point band 2)".' }),
    needs: t.exposeInt('needs', { description: 'Needs in the band.' }),
    requestedDays: t.exposeInt('requestedDays', { description: 'Days they request.' }),
    allocatedDays: t.exposeInt('allocatedDays', { description: 'Days the plan gives them.' }),
    requestedShare: t.exposeFloat('requestedShare', { description: 'Share of all requested days.' }),
    allocatedShare: t.exposeFloat('allocatedShare', { description: 'Share of all allocated days.' }),
    fillRate: t.float({ nullable: true, description: 'allocatedDays / requestedDays.', resolve: (g) => g.fillRate }),
  }),
});

const FairnessType = builder.objectRef<FairnessReport>('FairnessReport').implement({
  description: 'How the plan shares days between more and less disadvantaged schools.',
  fields: (t) => ({
    groups: t.field({ type: [FairnessGroupType], description: 'One entry per FSM band.', resolve: (f) => [...f.groups] }),
    banding: t.field({ type: FsmBandingType, description: 'The bands: the same as the equity ledger uses.', resolve: (f) => f.banding }),
    totalRequestedDays: t.exposeInt('totalRequestedDays', { description: 'Days requested in all.' }),
    totalAllocatedDays: t.exposeInt('totalAllocatedDays', { description: 'Days allocated in all.' }),
    fillRate: t.float({ nullable: true, description: 'Allocated / requested.', resolve: (f) => f.fillRate }),
  }),
});

const AllocationPlanType = builder.objectRef<PlanView>('AllocationPlan').implement({
  description:
    'An optimal plan: maximises the sum of priority × fit × days over the open needs, within every supporter’s remaining days and every need’s days (and the budget, when one is given), respecting every hard constraint. Solved with HiGHS: a linear programme, or with a budget a mixed-integer programme.',
  fields: (t) => ({
    assignments: t.field({ type: [PlannedAssignmentType], description: 'Who goes where, for how many days.', resolve: (v) => v.plan.assignments.map((a) => ({ ...a, view: v })) }),
    unmet: t.field({ type: [UnmetNeedType], description: 'Needs left (partly) unmet, with the reason.', resolve: (v) => v.plan.unmet.map((u) => ({ ...u, view: v })) }),
    objective: t.float({ description: 'Sum of priority × fit × days.', resolve: (v) => v.plan.objective }),
    lpBound: t.float({ nullable: true, description: 'Upper bound on any plan for this data; equal to the objective when the plan is proven optimal.', resolve: (v) => v.plan.lpBound ?? null }),
    schoolYear: t.string({
      description: "The school year planned (YYYY/YY): its open needs (by their window's start, or today's year) against the staff's days left in it.",
      resolve: (v) => v.schoolYear.label,
    }),
    greedyObjective: t.float({ description: 'What a greedy pass (best pair first) achieves on the same data, for comparison.', resolve: (v) => v.greedyObjective }),
    fairness: t.field({ type: FairnessType, description: 'Share of days per FSM band against share requested.', resolve: (v) => v.plan.fairness }),
    cost: t.field({ type: PlanCostType, description: 'What the plan costs at the trust’s rates.', resolve: (v) => planCost(v) }),
    budget: t.int({ nullable: true, description: 'The budget the plan was made under, in pounds; null when none was given.', resolve: (v) => v.plan.budget ?? null }),
    budgetLeft: t.int({ nullable: true, description: 'budget − cost.total; null without a budget.', resolve: (v) => (v.plan.budget === undefined ? null : v.plan.budget - v.plan.cost) }),
    daysUnmetBecauseOfBudget: t.int({
      description: 'Days of need left unmet because of the budget (the unmet needs with reason BUDGET); 0 without a budget.',
      resolve: (v) => v.plan.unmet.reduce((sum, u) => sum + (u.reason === 'BUDGET' ? u.daysUnmet : 0), 0),
    }),
    greedyCost: t.int({ description: 'What the greedy plan (under the same budget) costs, in pounds.', resolve: (v) => v.greedyCost }),
    paidBy: t.field({ type: CostPayerEnum, description: 'Who pays for the support under the trust’s rule.', resolve: (v) => v.paidBy }),
    solver: t.string({ description: 'What produced the plan.', resolve: (v) => v.plan.stats.solver }),
    solveMs: t.float({ description: 'Time in the solver, in ms.', resolve: (v) => v.plan.stats.solveMs }),
  }),
});

interface PlanPayload {
  plan: PlanView | null;
  userErrors: UserError[];
}

const PlanAllocationResult = builder.objectRef<PlanPayload>('PlanAllocationResult').implement({
  description: 'A plan, or the problems with the request.',
  fields: (t) => ({
    plan: t.field({ type: AllocationPlanType, nullable: true, description: 'The plan; null when userErrors is not empty.', resolve: (p) => p.plan }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input.', resolve: (p) => p.userErrors }),
  }),
});

const PlanAllocationInput = builder.inputType('PlanAllocationInput', {
  description: 'What to plan: a trust’s or a hub’s open needs (optionally only some of them).',
  fields: (t) => ({
    trustId: t.id({ description: 'Plan this trust’s open needs (or give clusterId).' }),
    clusterId: t.id({ description: 'Plan this hub’s open needs (or give trustId).' }),
    needIds: t.idList({ description: 'Only these needs (all must be open needs in scope).' }),
    budget: t.int({ description: 'The most the plan may cost (support and cover at the trust’s rates), in whole pounds. Left out: no limit.' }),
    supportersFrom: t.field({
      type: builder.enumType('SupporterPool', {
        description: 'Whose staff may be planned.',
        values: { SAME_TRUST: { description: 'Staff of the same trust (default): clear lines of accountability.' }, ANYWHERE: { description: 'Any staff member in the service.' } },
      }),
      description: 'Whose staff may be planned (default SAME_TRUST).',
    }),
    schoolYear: t.string({
      description: "The school year to plan, as YYYY/YY (default: the current one): needs whose window starts in it (needs without a window are today's year), against the staff's days in it. Not a past year.",
    }),
  }),
});

builder.queryField('planAllocation', (t) =>
  t.field({
    type: PlanAllocationResult,
    description: 'Previews an optimal allocation of staff to a trust’s or hub’s open needs. Writes nothing. IMPROVEMENT_LEAD of the trust, EXECUTIVE_HEAD of the hub, or ADMIN.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: PlanAllocationInput, required: true, description: 'The trust or hub to plan, and optionally which of its needs.' }) },
    resolve: async (_root, { input }, context) => {
      const plain = { ...input, supportersFrom: input.supportersFrom ?? undefined, budget: input.budget ?? undefined, schoolYear: input.schoolYear ?? undefined };
      const outcome = await previewAllocation(viewerOf(context), decodeIds(plain, PLAN_ALLOCATION_IDS));
      return outcome.ok ? { plan: outcome.value, userErrors: [] } : { plan: null, userErrors: outcome.userErrors };
    },
  }),
);

/** A failure with the assignment's IDs as the input gave them. */
type CommitFailureShape = CommitFailure & { needId: string; staffId: string };

const CommitFailureType = builder.objectRef<CommitFailureShape>('AllocationCommitFailure').implement({
  description: 'A part of a plan that could not be committed (the plan went stale), and why.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the input list.' }),
    needId: t.exposeID('needId', { description: 'The need.' }),
    staffId: t.exposeID('staffId', { description: 'The staff member.' }),
    days: t.exposeInt('days', { description: 'Days asked for.' }),
    userErrors: t.field({ type: [UserErrorType], description: 'Why it could not be committed.', resolve: (f) => f.userErrors }),
  }),
});

interface CommitPayload {
  deployments: DeploymentLean[];
  failures: CommitFailureShape[];
  userErrors: UserError[];
}

const CommitAllocationPayload = builder.objectRef<CommitPayload>('CommitAllocationPayload').implement({
  description: 'Result of commitAllocation: the deployments proposed, and the parts that could not be.',
  fields: (t) => ({
    deployments: t.field({ type: [DeploymentRef], description: 'Deployments proposed (days reserved).', resolve: (p) => p.deployments }),
    failures: t.field({ type: [CommitFailureType], description: 'Parts not committed, with reasons.', resolve: (p) => p.failures }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input as a whole; nothing was written when any.', resolve: (p) => p.userErrors }),
  }),
});

const CommitAssignmentInput = builder.inputType('AllocationAssignmentInput', {
  description: 'One planned assignment to commit.',
  fields: (t) => ({
    needId: t.id({ required: true, description: 'The need.' }),
    staffId: t.id({ required: true, description: 'The staff member.' }),
    days: t.int({ required: true, description: 'Days.' }),
  }),
});

const CommitAllocationInput = builder.inputType('CommitAllocationInput', {
  description: 'The assignments of a previewed plan to turn into proposed deployments.',
  fields: (t) => ({ assignments: t.field({ type: [CommitAssignmentInput], required: true, description: 'Assignments, as planAllocation returned them.' }) }),
});

inputMutation('commitAllocation', {
  description: 'Turns a plan into proposed deployments, each reserved atomically with its constraints re-checked; commits what still holds and reports what went stale.',
  input: CommitAllocationInput,
  inputDescription: 'The assignments of a previewed plan.',
  payload: CommitAllocationPayload,
  resolve: async (viewer, input) => {
    // Each assignment's IDs decoded as proposeDeployment's own (its errors name needId, staffId).
    const assignments = input.assignments.map((a) => ({ ...a, needId: refOf(a.needId, 'ImprovementNeed', 'needId'), staffId: refOf(a.staffId, 'StaffMember', 'staffId') }));
    const outcome = await commitAllocation(viewer, { assignments });
    if (!outcome.ok) return { deployments: [], failures: [], userErrors: outcome.userErrors };
    const failures = outcome.value.failures.map((f) => ({ ...f, needId: String(input.assignments[f.index]!.needId), staffId: String(input.assignments[f.index]!.staffId) }));
    return { deployments: outcome.value.deployments, failures, userErrors: [] };
  },
});

