// Cost and cover: a trust's day rates (by designation, and for staff without one), its cover
// day rate and who pays (domain/cost.ts), setting them, and the cost of a deployment or of a
// planned assignment at those rates.
//
// Which trust's rates. The support is priced by the trust of the school receiving it (the
// one arranging and, by default, paying); the cover by the trust of the releasing school
// (the supporter's home school, or the supporting school), whose cover it is, falling back
// to the receiving trust's and then the defaults. A deployment keeps the rates it was
// proposed at (Deployment.pricing); only deployments proposed before that was stored are
// priced at the current rates.
import { databaseStores, type Stores, stores } from '../db/store';
import { z } from 'zod';
import { policy } from '../auth/policy';
import { refInput, resolveRef, scopeOf } from './references';
import { actorOf, type Viewer } from '../auth/viewer';
import { COST_PAYERS, type CostPayer, type CostRates, DEFAULT_COST_RATES, dayRateFor, MAX_DAY_RATE, supportCost, type SupportCost } from '../domain/cost';
import { DESIGNATIONS, type Designation } from '../domain/enums';
import { ForbiddenError } from '../domain/errors';
import { Deployment } from '../models/deployment';
import type { LeanDoc } from '../models/lean';
import { TrustCostSettings, type TrustCostSettingsRecord } from '../models/trust-cost-settings';
import { recordAudit } from './audit';
import type { DeploymentLean } from './deployments';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, userError, type UserError } from './user-errors';

export interface TrustCostRates extends CostRates {
  readonly trustId: string;
  /** True while the trust has set nothing: the published defaults apply. */
  readonly isDefault: boolean;
}

function ratesOf(trustId: string, saved: LeanDoc<TrustCostSettingsRecord> | null | undefined): TrustCostRates {
  if (!saved) return { ...DEFAULT_COST_RATES, trustId, isDefault: true };
  return {
    trustId,
    isDefault: false,
    dayRates: { NLE: saved.dayRates.NLE, LLE: saved.dayRates.LLE, SLE: saved.dayRates.SLE, NLG: saved.dayRates.NLG },
    undesignatedDayRate: saved.undesignatedDayRate,
    coverDayRate: saved.coverDayRate,
    paidBy: saved.paidBy as CostPayer,
  };
}

/** The records found, without the ids that found none. */
function present<T>(docs: readonly (T | null)[]): T[] {
  return docs.filter((doc): doc is T => doc !== null);
}

/** The rates of these trusts, one query for all (`read`: databaseStores when pricing a write). */
export async function costRatesOf(trustIds: readonly string[], read: Stores = stores): Promise<Map<string, TrustCostRates>> {
  const ids = [...new Set(trustIds)];
  const saved = ids.length ? await read.trustCostSettings.find({ trustId: { $in: ids } }) : [];
  const byTrust = new Map(saved.map((s) => [s.trustId.toString(), s]));
  return new Map(ids.map((id) => [id, ratesOf(id, byTrust.get(id))]));
}

// fromZod puts the field's path in front of each message.
const money = () =>
  z
    .number({ error: 'must be a whole number of pounds' })
    .int('must be a whole number of pounds')
    .min(0, 'must not be negative')
    .max(MAX_DAY_RATE, `must be at most £${MAX_DAY_RATE} a day`);

const setRatesInput = z.object({
  trustId: refInput,
  dayRates: z
    .array(z.object({ designation: z.enum(DESIGNATIONS, { error: `designation must be one of ${DESIGNATIONS.join(', ')}` }), dayRate: money() }))
    .max(DESIGNATIONS.length * 2)
    .nullish(),
  undesignatedDayRate: money().nullish(),
  coverDayRate: money().nullish(),
  paidBy: z.enum(COST_PAYERS).nullish(),
});

/**
 * Sets (part of) a trust's cost rules: what is not given keeps its current value (the
 * default until first set). ADMIN, or the trust's improvement lead. Audited; on any user
 * error nothing is written.
 */
export async function setTrustDayRates(viewer: Viewer, input: unknown): Promise<Outcome<TrustCostRates>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError("day rates are set by ADMIN or the trust's improvement lead");
  const parsed = setRatesInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const data = parsed.data;
  const trust = await resolveRef(stores.trusts, data.trustId);
  if (!trust.ok) return failed(trust.error);
  const trustId = trust.doc._id.toString();
  if (!policy.manageTrustRecords(viewer, trustId)) throw new ForbiddenError("only ADMIN or this trust's improvement lead may set its day rates");
  const seen = new Map<Designation, number>();
  const duplicates: UserError[] = [];
  (data.dayRates ?? []).forEach((r, i) => {
    if (seen.has(r.designation)) duplicates.push(userError(['dayRates', String(i), 'designation'], `${r.designation} is given twice (also at dayRates.${seen.get(r.designation)})`, 'DUPLICATE'));
    else seen.set(r.designation, i);
  });
  if (duplicates.length) return failed(...duplicates);

  // One atomic update: $set only what was given, $setOnInsert the defaults for the rest, and
  // the record as it was before comes back, so concurrent changes to different rates both
  // land and the audit's "from" is what this change replaced.
  const actor = actorOf(viewer);
  const given: Record<string, unknown> = {};
  for (const r of data.dayRates ?? []) given[`dayRates.${r.designation}`] = r.dayRate;
  if (data.undesignatedDayRate != null) given.undesignatedDayRate = data.undesignatedDayRate;
  if (data.coverDayRate != null) given.coverDayRate = data.coverDayRate;
  if (data.paidBy != null) given.paidBy = data.paidBy;
  const defaults: Record<string, unknown> = { trustId, createdBy: actor };
  for (const d of DESIGNATIONS) if (!(`dayRates.${d}` in given)) defaults[`dayRates.${d}`] = DEFAULT_COST_RATES.dayRates[d];
  for (const key of ['undesignatedDayRate', 'coverDayRate', 'paidBy'] as const) if (!(key in given)) defaults[key] = DEFAULT_COST_RATES[key];
  const update = () =>
    TrustCostSettings.findOneAndUpdate({ trustId }, { $set: { ...given, updatedBy: actor }, $setOnInsert: defaults }, { upsert: true, returnDocument: 'before' }).lean();
  let previous: LeanDoc<TrustCostSettingsRecord> | null;
  try {
    previous = (await update()) as LeanDoc<TrustCostSettingsRecord> | null;
  } catch (error) {
    // Two first settings of one trust at once: one inserted, the other now updates it.
    if (!isDuplicateKey(error)) throw error;
    previous = (await update()) as LeanDoc<TrustCostSettingsRecord> | null;
  }
  const before = ratesOf(trustId, previous);
  const after: CostRates = {
    dayRates: { ...before.dayRates, ...Object.fromEntries((data.dayRates ?? []).map((r) => [r.designation, r.dayRate])) },
    undesignatedDayRate: data.undesignatedDayRate ?? before.undesignatedDayRate,
    coverDayRate: data.coverDayRate ?? before.coverDayRate,
    paidBy: data.paidBy ?? before.paidBy,
  };
  const saved = (await stores.trustCostSettings.fresh.findOne({ trustId }))!;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const d of DESIGNATIONS) if (before.dayRates[d] !== after.dayRates[d]) changes[`${d}DayRate`] = { from: before.dayRates[d], to: after.dayRates[d] };
  for (const key of ['undesignatedDayRate', 'coverDayRate', 'paidBy'] as const) if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  await recordAudit('TrustCostSettings', saved._id, before.isDefault ? 'CREATED' : 'UPDATED', actor, changes);
  return ok(ratesOf(trustId, saved));
}

/** What a supporter's day costs under the receiving trust's rates: their day rate and their school's cover. */
export interface SupporterDayCost {
  readonly dayRate: number;
  readonly coverDayRate: number;
}

interface Pricing {
  receivingTrustId: string | null;
  releasingAcademyId: string | null;
  designations: readonly string[];
}

async function priceAll(items: readonly Pricing[], read: Stores): Promise<{ dayCost: SupporterDayCost; rates: CostRates }[]> {
  const releasingIds = [...new Set(items.flatMap((i) => (i.releasingAcademyId ? [i.releasingAcademyId] : [])))];
  const releasing = releasingIds.length ? present(await read.academies.getMany(releasingIds)) : [];
  const trustOfAcademy = new Map(releasing.map((a) => [a._id.toString(), a.trustId?.toString() ?? null]));
  const trustIds = [...items.map((i) => i.receivingTrustId), ...trustOfAcademy.values()].filter((t): t is string => !!t);
  const rates = await costRatesOf(trustIds, read);
  return items.map((item) => {
    const receiving = (item.receivingTrustId && rates.get(item.receivingTrustId)) || DEFAULT_COST_RATES;
    const releasingTrust = item.releasingAcademyId ? trustOfAcademy.get(item.releasingAcademyId) : null;
    const cover = (releasingTrust && rates.get(releasingTrust)) || receiving;
    return { rates: receiving, dayCost: { dayRate: dayRateFor(item.designations, receiving), coverDayRate: cover.coverDayRate } };
  });
}

/** Day costs of staff supporting needs in `receivingTrustId` (a plan's trust), by staff id. */
export async function staffDayCosts(
  staff: readonly { _id: { toString(): string }; designations?: readonly string[] | null; homeAcademyId?: { toString(): string } | null }[],
  receivingTrustId: string | null,
): Promise<{ costs: Map<string, SupporterDayCost>; paidBy: CostPayer }> {
  const priced = await priceAll(
    staff.map((s) => ({ receivingTrustId, releasingAcademyId: s.homeAcademyId?.toString() ?? null, designations: s.designations ?? [] })),
    stores,
  );
  const paidBy = receivingTrustId ? (await costRatesOf([receivingTrustId])).get(receivingTrustId)!.paidBy : DEFAULT_COST_RATES.paidBy;
  return { costs: new Map(staff.map((s, i) => [s._id.toString(), priced[i]!.dayCost])), paidBy };
}

/** Who a deployment is between, for pricing: the receiving school and the supporter. */
type Priceable = Pick<DeploymentLean, 'receivingAcademyId' | 'staffId' | 'supportingAcademyId'>;

/** The rates a deployment is priced at, as stored on it (Deployment.pricing). */
export interface DeploymentPricing {
  readonly dayRate: number;
  readonly coverDayRate: number;
  /** The receiving trust's rule on who pays (a deployment's own paidBy overrides it). */
  readonly paidBy: CostPayer;
}

/**
 * Each deployment's day rate, cover day rate and the trust's payer rule, at the current rates.
 * `read`: the stores for an answer, databaseStores for rates about to be stored on a deployment.
 */
async function currentPricing(deployments: readonly Priceable[], read: Stores): Promise<DeploymentPricing[]> {
  if (!deployments.length) return [];
  const staffIds = [...new Set(deployments.flatMap((d) => (d.staffId ? [d.staffId.toString()] : [])))];
  const staff = staffIds.length ? present(await read.staff.getMany(staffIds)) : [];
  const staffById = new Map(staff.map((s) => [s._id.toString(), s]));
  const receivingIds = [...new Set(deployments.map((d) => d.receivingAcademyId.toString()))];
  const receiving = present(await read.academies.getMany(receivingIds));
  const trustOfReceiving = new Map(receiving.map((a) => [a._id.toString(), a.trustId?.toString() ?? null]));
  const priced = await priceAll(
    deployments.map((d) => {
      const person = d.staffId ? staffById.get(d.staffId.toString()) : undefined;
      return {
        receivingTrustId: trustOfReceiving.get(d.receivingAcademyId.toString()) ?? null,
        releasingAcademyId: person?.homeAcademyId?.toString() ?? d.supportingAcademyId?.toString() ?? null,
        designations: person?.designations ?? [],
      };
    }),
    read,
  );
  return priced.map(({ dayCost, rates }) => ({ dayRate: dayCost.dayRate, coverDayRate: dayCost.coverDayRate, paidBy: rates.paidBy }));
}

/**
 * The rates a deployment being proposed now is priced at, to be stored on it: later changes
 * to either trust's rates do not change what an arranged deployment costs.
 */
export async function pricedAtProposal(deployment: Priceable, now: Date): Promise<DeploymentPricing & { pricedAt: Date }> {
  const [pricing] = await currentPricing([deployment], databaseStores);
  return { ...pricing!, pricedAt: now };
}

/**
 * The cost of each deployment, in order: at the rates stored when it was proposed, or, for
 * deployments proposed before rates were stored, at the current rates.
 */
export async function deploymentCosts(deployments: readonly DeploymentLean[]): Promise<SupportCost[]> {
  const unpriced = deployments.filter((d) => !d.pricing);
  const current = await currentPricing(unpriced, stores);
  const currentOf = new Map(unpriced.map((d, i) => [d, current[i]!]));
  return deployments.map((d) => {
    const pricing: DeploymentPricing = (d.pricing as DeploymentPricing | null | undefined) ?? currentOf.get(d)!;
    return supportCost(d.days, pricing.dayRate, pricing.coverDayRate, (d.paidBy as CostPayer | null) ?? pricing.paidBy);
  });
}

const paidByInput = z.object({ deploymentId: refInput, paidBy: z.enum(COST_PAYERS).nullable() });

/**
 * Overrides who pays for one deployment's support (null: back to the trust's rule). Whoever
 * arranges support for the receiving school. Audited.
 */
export async function setDeploymentPaidBy(viewer: Viewer, input: unknown): Promise<Outcome<DeploymentLean>> {
  const parsed = paidByInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const found = await resolveRef(stores.deployments, parsed.data.deploymentId);
  if (!found.ok) return failed(found.error);
  const deployment = found.doc;
  const id = deployment._id;
  const academy = await stores.academies.fresh.get(deployment.receivingAcademyId.toString());
  if (!academy || !policy.arrangeSupportFor(viewer, scopeOf(academy))) {
    throw new ForbiddenError("who pays is decided by the trust's improvement lead or the hub's executive head of the receiving school");
  }
  const actor = actorOf(viewer);
  const updated = (await Deployment.findOneAndUpdate({ _id: id }, { $set: { paidBy: parsed.data.paidBy, updatedBy: actor } }, { new: true }).lean()) as DeploymentLean;
  await recordAudit('Deployment', id, 'PAID_BY_SET', actor, { paidBy: { from: deployment.paidBy ?? null, to: parsed.data.paidBy } });
  return ok(updated);
}
