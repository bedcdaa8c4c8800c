// A person's rights over the data held about them (UK GDPR articles 15 and 17): subject
// access (everything held about the caller, as one JSON document) and erasure of a leaver
// (personal data removed; the anonymous facts that keep track records and reports true —
// deployments, their days, status and impact rating — kept). Who may erase is decided by
// server/auth/personal-data.ts.
import { stores } from '../db/store';
import type { Types } from 'mongoose';
import { ForbiddenError } from '../domain/errors';
import { encodeGlobalId } from '../auth/global-id';
import { ERASERS, mayErase } from '../auth/personal-data';
import { actorOf, type Viewer } from '../auth/viewer';
import { AuditEntry } from '../models/audit-entry';
import { Deployment } from '../models/deployment';
import { SupportOffer } from '../models/support-offer';
import { DirectoryUser } from '../models/directory-user';
import { OutboxEmail } from '../models/outbox-email';
import { StaffMember } from '../models/staff-member';
import { recordAudit } from './audit';
import { academyScopeById, type Ref, resolveRef } from './references';
import type { StaffLean } from './staff';
import { failed, ok, type Outcome, userError } from './user-errors';

/** What an erased record's name reads afterwards. */
export const ERASED_NAME = 'Former staff member';
/** Audit values that held erased data read this instead. */
export const ERASED_VALUE = '[erased]';
/** Deployment statuses that still hold days and plans: a person with any cannot be erased yet. */
const LIVE = ['PROPOSED', 'AGREED', 'ACTIVE'];
/** Statuses whose days stay reserved (the committed days). */
const HOLDING = ['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED'];
/** Fields of a staff record that are personal data, erased (their audit values with them). */
const STAFF_PERSONAL_FIELDS = ['name', 'email', 'safeguardingCheckExpiresOn', 'maxTravelKm', 'designations', 'expertise', 'capacityDays', 'availability'];
/** Free text of a deployment that may name the person. */
const DEPLOYMENT_PERSONAL_FIELDS = ['impactEvidence'];
/** A directory record: all of it names the person. */
const DIRECTORY_PERSONAL_FIELDS = ['email', 'emailKey', 'subject', 'subjectKey', 'name'];

// ---------------------------------------------------------------- subject access

export interface SubjectAccessExport {
  generatedAt: string;
  about: { sub: string; role: string; staffMemberId: string | null; directoryUserIds: string[] };
  staffMember: Record<string, unknown> | null;
  directoryRecords: Record<string, unknown>[];
  deployments: Record<string, unknown>[];
  offers: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
  notes: string[];
}

/**
 * Everything held about the caller: their staff record, their directory record(s), the
 * deployments they gave, and every audit entry about any of those or made by them. IDs are
 * the API's global IDs, so the export can be matched with what the API shows.
 *
 * Audited: each export writes an EXPORTED entry, by the caller, on their staff record and on
 * each directory record it holds (who exported, when; the next export lists it), before the
 * export is answered, so no export leaves without its trace. A caller with neither record (a
 * service token) has nothing held about them but the entries they made; theirs is logged.
 */
export async function subjectAccessExport(viewer: Viewer): Promise<SubjectAccessExport> {
  const { body, recordIds } = await gatherSubjectAccess(viewer);
  const actor = actorOf(viewer);
  for (const { type, id } of recordIds) await recordAudit(type, id, 'EXPORTED', actor);
  return body;
}

async function gatherSubjectAccess(viewer: Viewer): Promise<{ body: SubjectAccessExport; recordIds: { type: 'StaffMember' | 'DirectoryUser'; id: Types.ObjectId }[] }> {
  const staffId = viewer.staffId;
  // An answer, not a decision: read through the stores like any other read.
  const staff = staffId ? await stores.staff.get(staffId) : null;
  const directoryFilter: Record<string, unknown>[] = [];
  if (viewer.directoryUserId) directoryFilter.push({ _id: viewer.directoryUserId });
  if (staffId) directoryFilter.push({ staffId });
  const directory = directoryFilter.length ? await stores.directoryUsers.find({ $or: directoryFilter }) : [];
  const deployments = staffId ? await stores.deployments.find({ staffId }, { sort: { createdAt: 1 } }) : [];
  const offers = staffId ? await stores.offers.find({ staffId }, { sort: { createdAt: 1 } }) : [];
  const about = [...(staff ? [staff._id] : []), ...directory.map((d) => d._id), ...deployments.map((d) => d._id), ...offers.map((o) => o._id)];
  const audit = await stores.auditEntries.find({ $or: [{ entityId: { $in: about } }, { 'actor.sub': viewer.sub }] }, { sort: { at: 1, _id: 1 } });
  const recordIds = [
    ...(staff ? [{ type: 'StaffMember' as const, id: staff._id }] : []),
    ...directory.map((d) => ({ type: 'DirectoryUser' as const, id: d._id })),
  ];
  const body: SubjectAccessExport = {
    generatedAt: new Date().toISOString(),
    about: {
      sub: viewer.sub,
      role: viewer.role,
      staffMemberId: staff ? encodeGlobalId('StaffMember', staff._id) : null,
      directoryUserIds: directory.map((d) => encodeGlobalId('DirectoryUser', d._id)),
    },
    staffMember: staff ? withGlobalIds(staff, 'StaffMember') : null,
    directoryRecords: directory.map((d) => withGlobalIds(d, 'DirectoryUser')),
    deployments: deployments.map((d) => withGlobalIds(d, 'Deployment')),
    offers: offers.map((o) => withGlobalIds(o, 'SupportOffer')),
    auditEntries: audit.map((e) => ({ ...withGlobalIds(e, 'AuditEntry'), entityId: encodeGlobalId(e.entityType, e.entityId) })),
    notes: [
      'Deployments are those you gave as a supporter; needs and schools are records of the schools, not about you.',
      'Offers are the offers of help you made yourself.',
      'Audit entries are those about your records and those of changes you made.',
    ],
  };
  return { body, recordIds };
}

const REFERENCE_TYPES: Record<string, string> = {
  homeAcademyId: 'Academy',
  academyId: 'Academy',
  receivingAcademyId: 'Academy',
  supportingAcademyId: 'Academy',
  trustId: 'Trust',
  clusterId: 'Cluster',
  staffId: 'StaffMember',
  needId: 'ImprovementNeed',
  deploymentId: 'Deployment',
};

function withGlobalIds(doc: Record<string, unknown> & { _id: Types.ObjectId }, typename: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: typename === 'AuditEntry' ? String(doc._id) : encodeGlobalId(typename, doc._id) };
  for (const [key, value] of Object.entries(doc)) {
    if (key === '_id' || key === '__v' || key === 'emailKey' || key === 'subjectKey') continue;
    const type = REFERENCE_TYPES[key];
    out[key] = type && value ? encodeGlobalId(type, value as Types.ObjectId) : value;
  }
  return out;
}

// ---------------------------------------------------------------- erasure

export interface ErasureResult {
  staffMember: StaffLean;
  deploymentsKept: number;
  auditEntriesRedacted: number;
  directoryRecordsRemoved: number;
}

/**
 * Erases a leaver's personal data. Refused (user error, nothing written) while any deployment
 * of theirs is still live: cancel or complete it first, so no school is left waiting on a
 * person who no longer exists. Their days are closed (remaining 0, capacity = days given), so
 * they are never ranked or planned again; deployments keep days, status and impact rating,
 * and lose their evidence text. Earlier audit entries about them keep which fields changed,
 * when and by whom, with the values replaced by "[erased]"; the erasure's own entry names
 * the fields erased, not their values.
 */
export async function eraseStaffMember(viewer: Viewer, input: { staffId: Ref }): Promise<Outcome<ErasureResult>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError(`a person's data is erased only by ${ERASERS}`);
  const found = await resolveRef(stores.staff, input.staffId);
  if (!found.ok) return failed(found.error);
  const staff = found.doc;
  const staffId = staff._id.toString();
  if (!mayErase(viewer, await academyScopeById(staff.homeAcademyId.toString()))) throw new ForbiddenError(`a person's data is erased only by ${ERASERS}`);

  const deployments = await stores.deployments.fresh.find({ staffId }, { projection: { status: 1, days: 1, daysHeld: 1 } });
  const live = deployments.filter((d) => LIVE.includes(d.status));
  if (live.length) {
    return failed(userError('staffId', `${live.length} deployment(s) of this person are still ${[...new Set(live.map((d) => d.status))].join('/')}: complete, decline or cancel them first`, 'LIVE_DEPLOYMENTS'));
  }
  // Days held by deployments must add up to the days committed; otherwise a proposal is being
  // written at this moment (days reserved, deployment not yet stored): ask to try again.
  const committed = staff.capacityDays - staff.remainingDays;
  const held = deployments.filter((d) => HOLDING.includes(d.status) && d.daysHeld !== false).reduce((total, d) => total + d.days, 0);
  if (held !== committed) return failed(userError('staffId', 'this person is being proposed for a deployment right now: try again in a moment', 'CONFLICT'));

  const erased = await StaffMember.findOneAndUpdate(
    { _id: staffId, remainingDays: staff.remainingDays, capacityDays: staff.capacityDays, updatedAt: staff.updatedAt },
    {
      $set: {
        name: ERASED_NAME,
        email: `erased-${staffId}@erased.invalid`,
        emailKey: `erased-${staffId}@erased.invalid`,
        designations: [],
        expertise: [],
        expertiseAreas: [],
        safeguardingCheckExpiresOn: null,
        maxTravelKm: null,
        capacityDays: committed,
        remainingDays: 0,
        erasedAt: new Date(),
        updatedBy: actorOf(viewer),
      },
      $unset: { availability: 1 },
    },
    { new: true },
  ).lean();
  if (!erased) return failed(userError('staffId', 'this person’s record changed while it was being erased: try again', 'CONFLICT'));

  const deploymentIds = deployments.map((d) => d._id);
  if (deploymentIds.length) await Deployment.updateMany({ _id: { $in: deploymentIds } }, { $set: { impactEvidence: null } });
  // Their offers of help stay (a lead's decisions refer to them), without the note they wrote.
  await SupportOffer.updateMany({ staffId }, { $set: { note: null } });

  const directory = await stores.directoryUsers.fresh.find({ $or: [{ staffId }, { emailKey: staff.email.trim().toLowerCase() }] }, { projection: { _id: 1 } });
  if (directory.length) await DirectoryUser.deleteMany({ _id: { $in: directory.map((d) => d._id) } });

  // Emails to them, or about their (by now ended) deployments, carry their name and address:
  // the copies in the outbox go too (what was delivered is in the recipients' mailboxes).
  await OutboxEmail.deleteMany({ $or: [{ toKey: staff.email.trim().toLowerCase() }, ...(deploymentIds.length ? [{ deploymentId: { $in: deploymentIds } }] : [])] });

  let redacted = 0;
  redacted += await redactAudit([staff._id], STAFF_PERSONAL_FIELDS);
  redacted += await redactAudit(deploymentIds, DEPLOYMENT_PERSONAL_FIELDS);
  redacted += await redactAudit(directory.map((d) => d._id), DIRECTORY_PERSONAL_FIELDS);

  for (const d of directory) await recordAudit('DirectoryUser', d._id, 'REMOVED', actorOf(viewer), { reason: { from: null, to: 'staff member erased' } });
  await recordAudit('StaffMember', staff._id, 'ERASED', actorOf(viewer), {
    erasedFields: { from: null, to: STAFF_PERSONAL_FIELDS.filter((f) => f !== 'capacityDays') },
    deploymentsKept: { from: null, to: deployments.length },
  });
  return ok({ staffMember: erased as StaffLean, deploymentsKept: deployments.length, auditEntriesRedacted: redacted, directoryRecordsRemoved: directory.length });
}

/** Replaces the values of the given fields in every audit entry about these records. */
async function redactAudit(entityIds: readonly Types.ObjectId[], fields: readonly string[]): Promise<number> {
  if (!entityIds.length) return 0;
  const entries = await stores.auditEntries.fresh.find({ entityId: { $in: entityIds } }, { projection: { changes: 1 } });
  let count = 0;
  for (const entry of entries) {
    const changes = (entry.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
    const touched = Object.keys(changes).filter((field) => fields.includes(field));
    if (!touched.length) continue;
    const set: Record<string, unknown> = {};
    for (const field of touched) {
      set[`changes.${field}`] = { from: changes[field]!.from == null ? null : ERASED_VALUE, to: changes[field]!.to == null ? null : ERASED_VALUE };
    }
    // One entry per command: FerretDB 1.x takes at most 20 updates per command.
    await AuditEntry.updateOne({ _id: entry._id }, { $set: set });
    count += 1;
  }
  return count;
}
