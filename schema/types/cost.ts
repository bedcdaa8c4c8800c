// Cost and cover: a trust's day rates and who pays, setting them, and the cost of each
// deployment (a proposal is a deployment waiting for agreement).
import { COST_PAYERS, type SupportCost } from '../../server/domain/cost';
import { DESIGNATIONS } from '../../server/domain/enums';
import { deploymentCosts, setDeploymentPaidBy, setTrustDayRates, costRatesOf, type TrustCostRates } from '../../server/services/cost';
import type { DeploymentLean } from '../../server/services/deployments';
import { builder } from '../builder';
import { decodeIds } from '../ids';
import { perRequest } from '../loaders';
import { inputMutation, outcomeOf } from '../mutations';
import { payloadType, toPayload } from '../payloads';
import { DeploymentRef, TrustRef } from '../refs';
import { DesignationEnum, enumOf } from './enums';

export const CostPayerEnum = enumOf('CostPayer', 'Who pays for the support (the supporter’s day rate). The releasing school always bears its own cover.', COST_PAYERS, {
  RECEIVING_SCHOOL: 'The school receiving the support (the usual rule in published charging policies).',
  TRUST: 'The trust, centrally.',
});

export const SupportCostType = builder.objectRef<SupportCost>('CostBreakdown').implement({
  description: 'What some days of support cost, in whole pounds: the supporter’s day rate (paid by `paidBy`) and the cover the releasing school pays for while they are away.',
  fields: (t) => ({
    days: t.exposeInt('days', { description: 'Days of support.' }),
    dayRate: t.exposeInt('dayRate', { description: 'The supporter’s day rate (by designation, set by the receiving school’s trust), in pounds.' }),
    coverDayRate: t.exposeInt('coverDayRate', { description: 'The releasing school’s cover day rate (set by its trust), in pounds.' }),
    supportCost: t.exposeInt('supportCost', { description: 'days × dayRate, in pounds: paid by `paidBy`.' }),
    coverCost: t.exposeInt('coverCost', { description: 'days × coverDayRate, in pounds: borne by the releasing school.' }),
    total: t.exposeInt('total', { description: 'supportCost + coverCost, in pounds.' }),
    paidBy: t.field({ type: CostPayerEnum, description: 'Who pays the support cost.', resolve: (c) => c.paidBy }),
  }),
});

const DesignationDayRateType = builder.objectRef<{ designation: (typeof DESIGNATIONS)[number]; dayRate: number }>('DesignationDayRate').implement({
  description: 'The day rate of supporters holding one designation.',
  fields: (t) => ({
    designation: t.field({ type: DesignationEnum, description: 'The designation.', resolve: (r) => r.designation }),
    dayRate: t.exposeInt('dayRate', { description: 'Pounds a day.' }),
  }),
});

const TrustCostSettingsType = builder.objectRef<TrustCostRates>('TrustCostSettings').implement({
  description: 'A trust’s cost rules, in whole pounds. Until the trust sets them, published school-to-school support rates (docs/cost-and-cover.md).',
  fields: (t) => ({
    dayRates: t.field({
      type: [DesignationDayRateType],
      description: 'Day rate per designation. A supporter with several designations is charged the highest of theirs.',
      resolve: (r) => DESIGNATIONS.map((designation) => ({ designation, dayRate: r.dayRates[designation] })),
    }),
    undesignatedDayRate: t.exposeInt('undesignatedDayRate', { description: 'Day rate of staff without a designation (and of a whole school).' }),
    coverDayRate: t.exposeInt('coverDayRate', { description: 'What a day of cover (a supply teacher) costs one of the trust’s schools when it releases a member of staff.' }),
    paidBy: t.field({ type: CostPayerEnum, description: 'Who pays for support to the trust’s schools, unless a deployment says otherwise.', resolve: (r) => r.paidBy }),
    isDefault: t.exposeBoolean('isDefault', { description: 'True while the trust has set nothing: these are the published defaults.' }),
  }),
});

builder.objectField(TrustRef, 'costSettings', (t) =>
  t.field({
    type: TrustCostSettingsType,
    description: 'The trust’s day rates, cover day rate and who pays. Requires a token.',
    authScopes: { authenticated: true },
    resolve: async (trust) => (await costRatesOf([trust._id.toString()])).get(trust._id.toString())!,
  }),
);

const costsOf = perRequest(async (deployments: readonly DeploymentLean[]) => deploymentCosts(deployments));

builder.objectField(DeploymentRef, 'cost', (t) =>
  t.field({
    type: SupportCostType,
    description:
      'What this deployment costs, and who pays: at the day rate, cover day rate and payer rule stored when it was proposed, so a later change of a trust’s rates does not change it (a `setDeploymentPaidBy` override still applies). Deployments proposed before rates were stored are priced at the current rates.',
    resolve: (d, _args, context) => costsOf(context).load(d as DeploymentLean),
  }),
);

builder.objectField(DeploymentRef, 'paidByOverride', (t) =>
  t.field({
    type: CostPayerEnum,
    nullable: true,
    description: 'Who pays, when set for this deployment by `setDeploymentPaidBy`; null: the trust’s rule (as it stood when the deployment was proposed) decides.',
    resolve: (d) => ((d as DeploymentLean).paidBy as (typeof COST_PAYERS)[number] | null | undefined) ?? null,
  }),
);

const DesignationDayRateInput = builder.inputType('DesignationDayRateInput', {
  description: 'A day rate for one designation.',
  fields: (t) => ({
    designation: t.field({ type: DesignationEnum, required: true, description: 'The designation.' }),
    dayRate: t.int({ required: true, description: 'Pounds a day (0-5000).' }),
  }),
});

const SetTrustDayRatesInput = builder.inputType('SetTrustDayRatesInput', {
  description: 'A trust’s cost rules; anything left out keeps its current value (the published default until first set).',
  fields: (t) => ({
    trustId: t.id({ required: true, description: 'The trust.' }),
    dayRates: t.field({ type: [DesignationDayRateInput], description: 'Day rates by designation, each designation at most once.' }),
    undesignatedDayRate: t.int({ description: 'Day rate of staff without a designation (0-5000).' }),
    coverDayRate: t.int({ description: 'Cover day rate of the trust’s schools (0-5000).' }),
    paidBy: t.field({ type: CostPayerEnum, description: 'Who pays for support to the trust’s schools.' }),
  }),
});

inputMutation('setTrustDayRates', {
  description: "Sets a trust's day rates by designation, for staff without one, its cover day rate and who pays. ADMIN, or the trust's IMPROVEMENT_LEAD. Audited; nothing is written when any field is wrong.",
  input: SetTrustDayRatesInput,
  inputDescription: 'The rates.',
  payload: payloadType('SetTrustDayRatesPayload', 'costSettings', TrustCostSettingsType, 'Result of setTrustDayRates.'),
  resolve: outcomeOf(setTrustDayRates, { trustId: 'Trust' }),
});

const SetDeploymentPaidByInput = builder.inputType('SetDeploymentPaidByInput', {
  description: 'Who pays for one deployment’s support.',
  fields: (t) => ({
    deploymentId: t.id({ required: true, description: 'The deployment.' }),
    paidBy: t.field({ type: CostPayerEnum, description: 'Who pays; null or left out: the trust’s rule again (as it stood when the deployment was proposed).' }),
  }),
});

inputMutation('setDeploymentPaidBy', {
  description: "Overrides who pays for one deployment's support (the trust's rule otherwise). The receiving school's improvement lead or hub executive head, or ADMIN. Audited.",
  input: SetDeploymentPaidByInput,
  inputDescription: 'The deployment and who pays.',
  payload: payloadType('SetDeploymentPaidByPayload', 'deployment', DeploymentRef, 'Result of setDeploymentPaidBy.'),
  resolve: async (viewer, input) => toPayload(await setDeploymentPaidBy(viewer, decodeIds({ deploymentId: String(input.deploymentId), paidBy: input.paidBy ?? null }, { deploymentId: 'Deployment' }))),
});
