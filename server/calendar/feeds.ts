// Private calendar feeds: create (replacing the owner's previous feed), revoke, and the
// feed's text for a secret.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { encodeGlobalId } from '../auth/global-id';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { expertiseAreaInfo, type ExpertiseArea } from '../domain/taxonomy';
import { CalendarFeed, type CalendarFeedRecord } from '../models/calendar-feed';
import { recordAudit } from '../services/audit';
import type { LeanDoc } from '../models/lean';
import { stores } from '../db/store';
import { notFoundError, type Ref, refInput, refTo, scopeOf } from '../services/references';
import { failed, fromZod, ok, type Outcome, userError } from '../services/user-errors';
import { calendar, type CalendarEvent } from './ics';

export type CalendarFeedLean = LeanDoc<CalendarFeedRecord>;

/** Deployments that are on: agreed by both schools, under way, or done. */
const CALENDAR_STATUSES = ['AGREED', 'ACTIVE', 'COMPLETED'];

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const feedPath = (secret: string) => `/calendar/${secret}.ics`;


type Owner = { type: 'StaffMember' | 'Academy'; id: string; name: string };

/**
 * A reference's raw id, or null when it names nothing of its type: an ID that does not decode
 * is answered like one naming no record (NOT_FOUND), as this mutation always has.
 */
const idOrNothing = (ref: Ref) => (ref.ok ? ref.id : null);

/**
 * The owner named by the input (decoded at the schema boundary), if the caller may manage its
 * feed. Read `fresh`: the owner and its school decide whether the write is allowed.
 */
async function ownerFor(viewer: Viewer, staffRef: Ref | null | undefined, academyRef: Ref | null | undefined): Promise<Outcome<Owner>> {
  if (!!staffRef === !!academyRef) return failed(userError('staffId', 'give exactly one of staffId or academyId', 'INVALID'));
  if (staffRef) {
    const id = idOrNothing(staffRef);
    const staff = id ? await stores.staff.fresh.get(id) : null;
    if (!staff) return failed(notFoundError('staffId', 'StaffMember'));
    const home = await stores.academies.fresh.get(String(staff.homeAcademyId));
    if (viewer.staffId !== id && !(home && policy.manageStaffAt(viewer, scopeOf(home)))) throw new ForbiddenError("a person's calendar is theirs, their headteacher's and their trust's lead's");
    return ok({ type: 'StaffMember', id: id!, name: staff.name });
  }
  const id = idOrNothing(academyRef!);
  const academy = id ? await stores.academies.fresh.get(id) : null;
  if (!academy) return failed(notFoundError('academyId', 'Academy'));
  if (!policy.manageStaffAt(viewer, scopeOf(academy))) throw new ForbiddenError("a school's calendar is its headteacher's and its trust's lead's");
  return ok({ type: 'Academy', id: id!, name: academy.name });
}

/** IDs decoded at the schema boundary (schema/types/calendar-feed.ts). */
const createInput = z.object({ staffId: refInput.nullish(), academyId: refInput.nullish() });

/** A new feed for the owner; any earlier feed of theirs stops working. The secret is shown only now. */
export async function createCalendarFeed(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<{ feed: CalendarFeedLean; secret: string }>> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const owner = await ownerFor(viewer, parsed.data.staffId, parsed.data.academyId);
  if (!owner.ok) return owner;
  const actor = actorOf(viewer);
  const earlier = await stores.calendarFeeds.fresh.find({ ownerId: owner.value.id, revokedAt: null }, { projection: { _id: 1 } });
  for (const feed of earlier) {
    await CalendarFeed.updateOne({ _id: feed._id, revokedAt: null }, { $set: { revokedAt: now, updatedBy: actor } });
    await recordAudit('CalendarFeed', feed._id, 'REVOKED', actor, { revokedAt: { from: null, to: now } });
  }
  const secret = randomBytes(32).toString('base64url');
  const feed = await CalendarFeed.create({ ownerType: owner.value.type, ownerId: owner.value.id, secretHash: hashSecret(secret), createdBy: actor, updatedBy: actor });
  await recordAudit('CalendarFeed', feed._id, 'CREATED', actor, { owner: { from: null, to: `${owner.value.type}:${owner.value.id}` } });
  return ok({ feed: feed.toObject() as CalendarFeedLean, secret });
}

/** `id` decoded at the schema boundary (schema/types/calendar-feed.ts). */
const revokeInput = z.object({ id: refInput });

export async function revokeCalendarFeed(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<CalendarFeedLean>> {
  const parsed = revokeInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const id = idOrNothing(parsed.data.id);
  const feed = id ? await stores.calendarFeeds.fresh.get(id) : null;
  if (!feed) return failed(notFoundError('id', 'CalendarFeed'));
  const ownerRef = refTo(feed.ownerId, feed.ownerType === 'StaffMember' ? 'staffId' : 'academyId', feed.ownerType);
  const owner = feed.ownerType === 'StaffMember' ? await ownerFor(viewer, ownerRef, null) : await ownerFor(viewer, null, ownerRef);
  if (!owner.ok) return owner;
  if (feed.revokedAt) return failed(userError('id', 'this feed is already revoked', 'INVALID_TRANSITION'));
  const actor = actorOf(viewer);
  const after = (await CalendarFeed.findOneAndUpdate({ _id: feed._id, revokedAt: null }, { $set: { revokedAt: now, updatedBy: actor } }, { new: true }).lean()) as CalendarFeedLean | null;
  if (!after) return failed(userError('id', 'this feed is already revoked', 'INVALID_TRANSITION'));
  await recordAudit('CalendarFeed', feed._id, 'REVOKED', actor, { revokedAt: { from: null, to: now } });
  return ok(after);
}

/** The feed's iCalendar text, or null for a secret that names no live feed. */
export async function calendarForSecret(secret: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const feed = await stores.calendarFeeds.findOne({ secretHash: hashSecret(secret), revokedAt: null });
  if (!feed) return null;
  const on = { status: { $in: CALENDAR_STATUSES } };
  let filter: Record<string, unknown>;
  let name: string;
  if (feed.ownerType === 'StaffMember') {
    filter = { ...on, staffId: feed.ownerId };
    name = (await stores.staff.get(String(feed.ownerId)))?.name ?? 'Deployments';
  } else {
    const staff = (await stores.staff.find({ homeAcademyId: feed.ownerId }, { projection: { _id: 1 } })).map((s) => s._id);
    filter = { $and: [on, { $or: [{ receivingAcademyId: feed.ownerId }, { supportingAcademyId: feed.ownerId }, { staffId: { $in: staff } }] }] };
    name = (await stores.academies.get(String(feed.ownerId)))?.name ?? 'Deployments';
  }
  const deployments = (await stores.deployments.find(filter)).filter((d) => d.startDate);
  const academies = new Map((await stores.academies.find({ _id: { $in: deployments.flatMap((d) => [d.receivingAcademyId, d.supportingAcademyId].filter(Boolean)) } })).map((a) => [String(a._id), a.name]));
  const people = new Map((await stores.staff.find({ _id: { $in: deployments.map((d) => d.staffId).filter(Boolean) } })).map((s) => [String(s._id), s.name]));
  const events: CalendarEvent[] = deployments.map((d) => {
    const supporter = d.staffId ? (people.get(String(d.staffId)) ?? 'A supporter') : (academies.get(String(d.supportingAcademyId)) ?? 'A school');
    const receiving = academies.get(String(d.receivingAcademyId)) ?? 'a school';
    const area = expertiseAreaInfo(d.area as ExpertiseArea).label;
    return {
      uid: `${encodeGlobalId('Deployment', d._id)}@school-support`,
      start: d.startDate!,
      end: d.endDate ?? d.startDate!,
      summary: `${supporter} supporting ${receiving}: ${area}`,
      description: `${d.days} day${d.days === 1 ? '' : 's'} of ${area} support (${d.status.toLowerCase()}). Deployment ${encodeGlobalId('Deployment', d._id)}.`,
      stamp: (d as unknown as { updatedAt?: Date }).updatedAt ?? d.startDate!,
    };
  });
  return calendar(`${name}: support deployments`, events);
}
