// Deployments: proposal with an atomic reservation of days, the lifecycle with both sides'
// sign-off, release of days exactly once, and needs that follow their deployments.
import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { type AcademyScope, policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { endsBeforeToday } from '../domain/calendar';
import type { DeploymentStatus } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { AcademyRecord } from '../models/academy';
import { Deployment, type DeploymentRecord } from '../models/deployment';
import { ImprovementNeed } from '../models/improvement-need';
import type { StaffMemberRecord } from '../models/staff-member';
import { notifyDeployment } from '../notifications/notify';
import { rankCandidatesForNeed } from '../ranking';
import { recordAudit } from './audit';
import { pricedAtProposal } from './cost';
import { closeOpenOffersOfNeed } from './offer-closing';
import type { LeanDoc } from '../models/lean';
import { academyProfile, needProfile } from '../db/ranking-facts/profiles';
import { refInput, resolveRef, scopeOf } from './references';
import { rankingFacts } from '../db/ranking-facts';
import { LIVE_DEPLOYMENT_STATUSES } from '../domain/statuses';
import { schoolYearOf } from '../domain/school-year';
import { type DaysInYear, deploymentDaysByYear, needSchoolYear } from '../domain/year-capacity';
import { releaseStaffDays, reserveStaffDays } from './staff-days';
import { releaseAcademySupportDays, reserveAcademySupportDays } from './academy-support-days';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, userError } from './user-errors';

export type DeploymentLean = LeanDoc<DeploymentRecord>;
type AcademyLean = LeanDoc<AcademyRecord>;
type StaffLean = LeanDoc<StaffMemberRecord>;

const proposeInput = z
  .object({
    needId: refInput,
    staffId: refInput.nullish(),
    supportingAcademyId: refInput.nullish(),
    days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(200, 'must be at most 200 days'),
    startDate: z.coerce.date().nullish(),
    endDate: z.coerce.date().nullish(),
  })
  .refine((i) => !!i.staffId !== !!i.supportingAcademyId, { path: ['staffId'], message: 'give exactly one of staffId or supportingAcademyId' })
  .refine((i) => !i.startDate || !i.endDate || i.startDate <= i.endDate, { path: ['endDate'], message: 'must not be before startDate' })
  // A deployment is planned help: one that ended before today cannot be arranged now.
  .refine((i) => !i.endDate || !endsBeforeToday(i.endDate), { path: ['endDate'], message: 'the deployment ends before today: give an endDate of today or later' });

/** Hard-constraint failures at proposal time, as user-error codes. */
const CONSTRAINT_CODES: Record<string, string> = { NO_CAPACITY: 'INSUFFICIENT_CAPACITY' };

export async function proposeDeployment(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<DeploymentLean>> {
  const parsed = proposeInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const data = parsed.data;
  const found = await resolveRef(stores.needs, data.needId);
  if (!found.ok) return failed(found.error);
  const need = found.doc;
  const needAcademy = (await stores.academies.fresh.get(String(need.academyId)))!;
  if (!policy.arrangeSupportFor(viewer, scopeOf(needAcademy))) {
    throw new ForbiddenError("deployments are arranged by the trust's improvement lead or the hub's executive head of the school in need");
  }
  if (need.status !== 'OPEN') return failed(userError('needId', `this need is ${need.status}: it is not waiting for more support`, 'NEED_NOT_OPEN'));
  const outstanding = need.daysRequested - need.daysCovered;
  if (data.days > outstanding) return failed(userError('days', `the need has only ${outstanding} days still to arrange`, 'EXCEEDS_NEED'));

  // Re-check every hard constraint for this supporter now, and keep the explanation.
  const area = need.area as ExpertiseArea;
  const kind = data.staffId ? 'STAFF' : 'ACADEMY';
  const supporterField = data.staffId ? 'staffId' : 'supportingAcademyId';
  let supporterDoc: StaffLean | AcademyLean;
  let supporter;
  if (data.staffId) {
    const staff = await resolveRef(stores.staff, data.staffId);
    if (!staff.ok) return failed(staff.error);
    if (staff.doc.leftAt) return failed(userError('staffId', `${staff.doc.name} has left (marked on ${staff.doc.leftAt.toISOString().slice(0, 10)}) and cannot be proposed`, 'STAFF_LEFT'));
    supporterDoc = staff.doc;
    supporter = (await (await rankingFacts()).staffProfiles([staff.doc], [area])).get(staff.doc._id.toString());
  } else {
    const academy = await resolveRef(stores.academies, data.supportingAcademyId!);
    if (!academy.ok) return failed(academy.error);
    supporterDoc = academy.doc;
    supporter = (await (await rankingFacts()).academyProfiles([academy.doc], [area])).get(academy.doc._id.toString());
  }
  if (!supporter) return failed(userError(supporterField, 'the supporter has no home academy on record', 'NOT_FOUND'));
  const profile = needProfile(need, academyProfile(needAcademy));
  const check = rankCandidatesForNeed(profile, [{ ...supporter.profile, remainingDays: Math.max(supporter.profile.remainingDays, data.days) }], { now, first: 1 });
  const reason = Object.entries(check.exclusions).find(([, count]) => count > 0)?.[0];
  if (reason) return failed(userError(supporterField, `this supporter cannot be proposed: ${reason.toLowerCase().replace(/_/g, ' ')}`, CONSTRAINT_CODES[reason] ?? reason));
  const ranked = check.candidates[0]!;

  // Inside the supporter's trust: reserve their days now, with one conditional update (never
  // overdrawn, however many race). From another trust: the days stay the home school's until
  // it releases the person (agreeDeployment), so another trust cannot tie up its staff.
  const actor = actorOf(viewer);
  const supporterRef = { staffId: kind === 'STAFF' ? supporterDoc._id : null, supportingAcademyId: kind === 'ACADEMY' ? supporterDoc._id : null };
  // The rates as they stand now stay with the deployment (a later change of rates is not retroactive).
  const pricing = await pricedAtProposal({ receivingAcademyId: need.academyId, ...supporterRef }, now);
  const holdNow = !isCrossTrust(scopeOf(needAcademy), await supporterHomeScope(supporterRef));
  // The days come from the school years they fall in: by the deployment's dates, else the need's year.
  const daysByYear = deploymentDaysByYear(data.days, data.startDate, data.endDate, needSchoolYear(need.windowStart, now));
  if (holdNow && !(await reserveSupporterDays(supporterRef, daysByYear, actor, now))) {
    const years = daysByYear.map((p) => `${p.days} in ${p.schoolYear}`).join(' and ');
    return failed(userError('days', `the supporter does not have ${data.days} days left (${years})`, 'INSUFFICIENT_CAPACITY'));
  }
  const releaseSupporter = async () => {
    if (holdNow) await giveBackSupporterDays(supporterRef, daysByYear);
  };
  // Then the need's days, conditional on the request we read, so it is never over-covered.
  const covered = await ImprovementNeed.updateOne(
    { _id: need._id, status: 'OPEN', daysRequested: need.daysRequested, daysCovered: { $lte: need.daysRequested - data.days } },
    { $inc: { daysCovered: data.days } },
  );
  if (covered.modifiedCount !== 1) {
    await releaseSupporter();
    return failed(userError('days', 'the need was covered or changed meanwhile; reload and try again', 'CONFLICT'));
  }

  const liveKey = `${need._id.toString()}:${supporterDoc._id.toString()}`;
  let deployment;
  try {
    deployment = await Deployment.create({
    needId: need._id,
    area,
    receivingAcademyId: need.academyId,
    staffId: kind === 'STAFF' ? supporterDoc._id : null,
    supportingAcademyId: kind === 'ACADEMY' ? supporterDoc._id : null,
    days: data.days,
    daysByYear,
    startDate: data.startDate ?? null,
    endDate: data.endDate ?? null,
    status: 'PROPOSED',
    explanation: { score: ranked.score, rank: null, eligibleCount: null, distanceKm: ranked.distanceKm, factors: ranked.factors, rankedAt: now },
    statusHistory: [{ status: 'PROPOSED', by: actor, at: now }],
    statusSince: now,
    daysHeld: holdNow,
    liveKey,
    pricing,
    createdBy: actor,
    updatedBy: actor,
    });
  } catch (error) {
    // Undo both reservations: this supporter already has a live deployment for the need.
    await releaseSupporter();
    await ImprovementNeed.updateOne({ _id: need._id }, { $inc: { daysCovered: -data.days } });
    if (isDuplicateKey(error)) return failed(userError(supporterField, 'this supporter is already supporting this need', 'ALREADY_SUPPORTING'));
    throw error;
  }
  await recordAudit('Deployment', deployment._id, 'PROPOSED', actor, {
    status: { from: null, to: 'PROPOSED' },
    days: { from: null, to: data.days },
    daysByYear: { from: null, to: daysByYear },
    daysHeld: { from: null, to: holdNow },
    supporter: { from: null, to: `${kind}:${supporterDoc._id.toString()}` },
    pricing: { from: null, to: { dayRate: pricing.dayRate, coverDayRate: pricing.coverDayRate, paidBy: pricing.paidBy } },
  });
  // Marked as left while this was being proposed? markStaffLeft records leftAt, then cancels
  // the proposals it finds; this reads leftAt after writing the proposal. Of the two writes,
  // whichever comes second sees the other, so no proposal for a leaver stays live (a
  // cross-trust proposal holds no days, so the reservation's own leftAt test cannot catch it).
  if (kind === 'STAFF' && (await stores.staff.fresh.findOne({ _id: supporterDoc._id, leftAt: { $ne: null } }))) {
    await releaseLeaversProposal(deployment.toObject() as DeploymentLean, actor, now);
    return failed(userError('staffId', `${supporterDoc.name} was marked as left while this was being proposed: the proposal was cancelled`, 'STAFF_LEFT'));
  }
  await syncNeedStatus(need._id.toString(), actor);
  // The release and the acceptance now wait on the two schools' headteachers: tell them.
  await notifyDeployment(deployment.toObject() as DeploymentLean, actor, now);
  return ok(deployment.toObject() as DeploymentLean);
}

type SupporterRef = { staffId?: { toString(): string } | null; supportingAcademyId?: { toString(): string } | null };

/** The supporter's home school (a person) or the supporting school itself. */
async function supporterHomeScope(s: SupporterRef): Promise<AcademyScope | null> {
  let homeId = s.supportingAcademyId ?? null;
  if (s.staffId) homeId = (await stores.staff.fresh.get(s.staffId.toString()))?.homeAcademyId ?? null;
  const home = homeId ? await stores.academies.fresh.get(homeId.toString()) : null;
  return home ? scopeOf(home) : null;
}

/** Help across organisations: the supporter's school is in another trust, or either is in none. */
export function isCrossTrust(receiving: AcademyScope, home: AcademyScope | null): boolean {
  return !home || !receiving.trustId || receiving.trustId !== home.trustId;
}

/**
 * Takes days from the supporter, never overdrawn; false when they lack them. A person's days
 * and a school's whole-school support days both come from each school year they fall in
 * (staff-days.ts, academy-support-days.ts).
 */
async function reserveSupporterDays(s: SupporterRef, parts: readonly DaysInYear[], actor: ReturnType<typeof actorOf>, now: Date): Promise<boolean> {
  if (s.staffId) return reserveStaffDays(s.staffId.toString(), parts, actor, now);
  return reserveAcademySupportDays(s.supportingAcademyId!.toString(), parts, actor, now);
}

async function giveBackSupporterDays(s: SupporterRef, parts: readonly DaysInYear[]): Promise<void> {
  if (s.staffId) return releaseStaffDays(s.staffId.toString(), parts);
  return releaseAcademySupportDays(s.supportingAcademyId!.toString(), parts);
}

/** The school years a deployment's days were taken from (older records: the year it was made in). */
export function daysByYearOf(deployment: Pick<DeploymentLean, 'days' | 'daysByYear' | 'createdAt' | '_id'>): DaysInYear[] {
  if (deployment.daysByYear?.length) return deployment.daysByYear.map((p) => ({ schoolYear: p.schoolYear, days: p.days }));
  const made = (deployment as { createdAt?: Date }).createdAt ?? deployment._id.getTimestamp();
  return [{ schoolYear: schoolYearOf(made).label, days: deployment.days }];
}

/** Sets a need's status from its deployments (closed needs stay closed). */
export async function syncNeedStatus(needId: string, actor: ReturnType<typeof actorOf>): Promise<void> {
  const need = await stores.needs.fresh.get(needId);
  if (!need || need.status === 'CLOSED') return;
  const deployments = await stores.deployments.fresh.find({ needId }, { projection: { status: 1 } });
  const has = (status: DeploymentStatus) => deployments.some((d) => d.status === status);
  const live = deployments.some((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status));
  const full = need.daysCovered >= need.daysRequested;
  const status = has('ACTIVE') ? 'IN_PROGRESS' : live ? (full ? 'MATCHED' : 'OPEN') : has('COMPLETED') && full ? 'MET' : 'OPEN';
  if (status === need.status) return;
  const updated = await ImprovementNeed.updateOne({ _id: need._id, status: need.status }, { $set: { status, updatedBy: actor } });
  if (updated.modifiedCount !== 1) return;
  await recordAudit('ImprovementNeed', need._id, 'STATUS_FOLLOWED_DEPLOYMENTS', actor, { status: { from: need.status, to: status } });
  // A met need takes no more help: its open offers are closed, and their offerers told.
  if (status === 'MET') await closeOpenOffersOfNeed(need._id, 'MET', actor);
}

/**
 * Gives a deployment's days back to its need, and to its supporter when they were held (a
 * cross-trust proposal holds none until its release); only after winning its move to DECLINED
 * or CANCELLED, conditional on `daysHeld` as read.
 */
async function releaseReservedDays(deployment: DeploymentLean): Promise<void> {
  if (deployment.daysHeld !== false) await giveBackSupporterDays(deployment, daysByYearOf(deployment));
  await ImprovementNeed.updateOne({ _id: deployment.needId }, { $inc: { daysCovered: -deployment.days } });
}

/**
 * Cancels a PROPOSED deployment whose supporter has left (leavers.ts), whoever marked them:
 * nobody is left to agree to it. Conditional on the status read, like every move, so the
 * days are released once even if someone moves it at the same moment. Returns it as it
 * now stands, or null when it was no longer PROPOSED.
 */
export async function releaseLeaversProposal(deployment: DeploymentLean, actor: ReturnType<typeof actorOf>, now: Date): Promise<DeploymentLean | null> {
  const after = (await Deployment.findOneAndUpdate(
    // Conditional on the days held as read, too, so a release racing this gives back exactly what it took.
    { _id: deployment._id, status: 'PROPOSED', daysHeld: deployment.daysHeld !== false ? { $ne: false } : false },
    {
      $set: { status: 'CANCELLED', statusSince: now, updatedBy: actor, liveKey: `${deployment.liveKey}:${deployment._id.toString()}` },
      $push: { statusHistory: { status: 'CANCELLED', by: actor, at: now } },
    },
    { new: true },
  ).lean()) as DeploymentLean | null;
  if (!after) return null;
  await releaseReservedDays(deployment);
  await recordAudit('Deployment', deployment._id, 'CANCELLED_SUPPORTER_LEFT', actor, { status: { from: 'PROPOSED', to: 'CANCELLED' } });
  await syncNeedStatus(deployment.needId.toString(), actor);
  return after;
}

type Move = 'agree' | 'start' | 'complete' | 'decline' | 'cancel';

const MOVES: Record<Move, { from: DeploymentStatus[]; to: DeploymentStatus }> = {
  agree: { from: ['PROPOSED'], to: 'AGREED' },
  start: { from: ['AGREED'], to: 'ACTIVE' },
  complete: { from: ['ACTIVE'], to: 'COMPLETED' },
  decline: { from: ['PROPOSED', 'AGREED'], to: 'DECLINED' },
  cancel: { from: ['PROPOSED', 'AGREED', 'ACTIVE'], to: 'CANCELLED' },
};

const moveInput = z.object({ id: refInput });
const completeInput = z.object({
  id: refInput,
  impactRating: z.number().int('must be a whole number from 1 to 4').min(1, 'must be from 1 to 4').max(4, 'must be from 1 to 4'),
  impactEvidence: z.string().trim().min(10, 'must be at least 10 characters: name the impact').max(4000),
});

/** The receiving school's scope and the supporter's home school's (null when it is gone). */
export async function scopes(deployment: DeploymentLean) {
  const receiving = scopeOf((await stores.academies.fresh.get(deployment.receivingAcademyId.toString()))!);
  let homeId = deployment.supportingAcademyId;
  if (deployment.staffId) homeId = (await stores.staff.fresh.get(deployment.staffId.toString()))?.homeAcademyId ?? null;
  const home: AcademyScope | null = homeId ? scopeOf((await stores.academies.fresh.get(homeId.toString()))!) : null;
  return { receiving, home };
}

export async function moveDeployment(viewer: Viewer, move: Move, input: unknown): Promise<Outcome<DeploymentLean>> {
  const parsed = (move === 'complete' ? completeInput : moveInput).safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const found = await resolveRef(stores.deployments, parsed.data.id);
  if (!found.ok) return failed(found.error);
  const deployment = found.doc;
  const { receiving, home } = await scopes(deployment);
  const arranges = policy.arrangeSupportFor(viewer, receiving);
  const releases = !!home && policy.releaseFrom(viewer, home);
  const accepts = policy.acceptAt(viewer, receiving);
  const carriesOut = policy.carryOut(viewer, deployment.staffId?.toString() ?? null);
  const allowed =
    move === 'agree' ? releases || accepts
    : move === 'decline' ? arranges || releases || accepts
    : move === 'start' || move === 'complete' ? arranges || carriesOut
    : arranges;
  if (!allowed) throw new ForbiddenError(`you may not ${move} this deployment`);

  const { from, to } = MOVES[move];
  if (!from.includes(deployment.status)) {
    return failed(userError('id', `a ${deployment.status} deployment cannot be moved to ${to}`, 'INVALID_TRANSITION'));
  }
  const actor = actorOf(viewer);
  const now = new Date();
  const set: Record<string, unknown> = { updatedBy: actor };
  let target: DeploymentStatus = to;
  if (move === 'agree') {
    // Both sides sign: the supporter's home school releases, the receiving school accepts.
    if (releases && !deployment.release) set.release = { by: actor, at: now };
    if (accepts && !deployment.acceptance) set.acceptance = { by: actor, at: now };
    const released = !!(deployment.release || set.release);
    const accepted = !!(deployment.acceptance || set.acceptance);
    if (!set.release && !set.acceptance) return failed(userError('id', 'your side has already agreed; waiting for the other school', 'ALREADY_AGREED'));
    target = released && accepted ? 'AGREED' : 'PROPOSED';
  }
  if (move === 'complete') {
    const c = parsed.data as z.infer<typeof completeInput>;
    set.impactRating = c.impactRating;
    set.impactEvidence = c.impactEvidence;
  }
  set.status = target;
  // An ended deployment frees its supporter to be proposed for the need again.
  if (['COMPLETED', 'DECLINED', 'CANCELLED'].includes(target)) set.liveKey = `${deployment.liveKey}:${deployment._id.toString()}`;
  // Conditional on the status (and sign-offs) we read: of two racing moves only one applies,
  // so days are released exactly once.
  const condition: Record<string, unknown> = { _id: deployment._id, status: deployment.status };
  if (move === 'agree') {
    condition.release = deployment.release ?? null;
    condition.acceptance = deployment.acceptance ?? null;
  }
  // A cross-trust proposal holds the supporter's days from the moment their school releases
  // them: reserved first, conditionally, and given back if the sign-off loses a race.
  // Conditional on whether the days were held as read, too: a decline racing the release
  // then gives back exactly the days the release took.
  const held = deployment.daysHeld !== false;
  condition.daysHeld = held ? { $ne: false } : false;
  const holdsNow = !held && !!set.release;
  if (holdsNow) {
    if (!(await reserveSupporterDays(deployment, daysByYearOf(deployment), actor, now))) {
      return failed(userError('id', `the supporter no longer has ${deployment.days} days left to release`, 'INSUFFICIENT_CAPACITY'));
    }
    set.daysHeld = true;
  }
  const update: Record<string, unknown> = { $set: set };
  if (target !== deployment.status) {
    update.$push = { statusHistory: { status: target, by: actor, at: now } };
    set.statusSince = now;
  }
  const after = (await Deployment.findOneAndUpdate(condition, update, { new: true }).lean()) as DeploymentLean | null;
  if (!after) {
    if (holdsNow) await giveBackSupporterDays(deployment, daysByYearOf(deployment));
    return failed(userError('id', 'the deployment changed meanwhile; reload and try again', 'CONFLICT'));
  }

  if (target === 'DECLINED' || target === 'CANCELLED') await releaseReservedDays(deployment);
  const changes: Record<string, { from: unknown; to: unknown }> = { status: { from: deployment.status, to: target } };
  if (set.release) changes.release = { from: null, to: actor };
  if (set.acceptance) changes.acceptance = { from: null, to: actor };
  if (move === 'complete') changes.impactRating = { from: null, to: set.impactRating };
  if (holdsNow) changes.daysHeld = { from: false, to: true };
  await recordAudit('Deployment', deployment._id, move.toUpperCase(), actor, changes);
  await syncNeedStatus(deployment.needId.toString(), actor);
  await notifyDeployment(after, actor, now);
  return ok(after);
}
