// The user directory: who may sign in with the OpenID Connect issuer, as which role, with
// which scopes. Records are written by an ADMIN, or by an improvement lead for their own
// trust (server/auth/policy.ts), each write audited. Sign-in only reads it.
import { type Store, stores } from '../db/store';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/enums';
import { ForbiddenError } from '../domain/errors';
import { isRecordId } from '../domain/ids';
import { directoryPolicy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { DirectoryUser, type DirectoryUserRecord, subjectKeyOf } from '../models/directory-user';
import { diffFields, recordAudit } from './audit';
import type { LeanDoc } from '../models/lean';
import { type Ref, refInput, resolveRef } from './references';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, type UserError, userError } from './user-errors';

export type DirectoryUserLean = LeanDoc<DirectoryUserRecord>;

const AUDITED_FIELDS = ['email', 'subject', 'name', 'role', 'trustId', 'clusterId', 'academyId', 'staffId'] as const;
const LEAD_LIMIT = "an improvement lead manages the directory records of their own trust only, for any role but ADMIN; an ADMIN manages all";

const recordInput = z.object({
  email: z.string().trim().max(254, 'must be at most 254 characters').email('must be an email address'),
  subject: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters').nullish(),
  name: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  role: z.enum(ROLES),
  trustId: refInput.nullish(),
  clusterId: refInput.nullish(),
  academyId: refInput.nullish(),
  staffMemberId: refInput.nullish(),
});
type RecordInput = z.infer<typeof recordInput>;

interface Scope {
  trustId: Types.ObjectId | null;
  clusterId: Types.ObjectId | null;
  academyId: Types.ObjectId | null;
  staffId: Types.ObjectId | null;
}

type IdDoc = { _id: Types.ObjectId };
type AcademyDoc = IdDoc & { trustId?: Types.ObjectId | null; clusterId?: Types.ObjectId | null };

const same = (a: Types.ObjectId | null | undefined, b: Types.ObjectId | null | undefined) => String(a ?? '') === String(b ?? '');

/**
 * The record's scopes, checked against each other: a staff member's school, a school's hub
 * and trust follow from the records, and each role needs the scope it works in.
 */
async function resolveScope(input: RecordInput): Promise<Outcome<Scope>> {
  const errors: UserError[] = [];
  const load = async <T>(store: Store<T>, ref: Ref | null | undefined) => {
    if (!ref) return null;
    const resolved = await resolveRef(store, ref);
    if (!resolved.ok) {
      errors.push(resolved.error);
      return null;
    }
    return resolved.doc;
  };
  const trust = await load<IdDoc>(stores.trusts, input.trustId);
  const cluster = await load<IdDoc & { trustId: Types.ObjectId }>(stores.clusters, input.clusterId);
  const staff = await load<IdDoc & { homeAcademyId: Types.ObjectId }>(stores.staff, input.staffMemberId);
  let academy = await load<AcademyDoc>(stores.academies, input.academyId);
  if (errors.length) return failed(...errors);

  if (staff) {
    if (academy && !same(academy._id, staff.homeAcademyId)) {
      return failed(userError('staffMemberId', 'staffMemberId: this staff member works at another school than academyId', 'INCONSISTENT'));
    }
    academy ??= await stores.academies.fresh.get(String(staff.homeAcademyId));
  }
  if (academy && cluster && !same(academy.clusterId, cluster._id)) {
    return failed(userError('clusterId', 'clusterId: the school given is not in this hub', 'INCONSISTENT'));
  }
  const derivedTrust = academy?.trustId ?? cluster?.trustId ?? null;
  if (trust && derivedTrust && !same(trust._id, derivedTrust)) {
    return failed(userError('trustId', 'trustId: the hub, school or staff member given belongs to another trust', 'INCONSISTENT'));
  }
  const scope: Scope = {
    trustId: trust?._id ?? derivedTrust,
    clusterId: cluster?._id ?? academy?.clusterId ?? null,
    academyId: academy?._id ?? null,
    staffId: staff?._id ?? null,
  };
  // The scope a role works in is named outright, never inferred: being at a hub's school does
  // not make someone its executive head.
  const needs: Partial<Record<Role, [keyof RecordInput, string]>> = {
    IMPROVEMENT_LEAD: ['trustId', 'trustId is required for an IMPROVEMENT_LEAD: the trust they lead'],
    EXECUTIVE_HEAD: ['clusterId', 'clusterId is required for an EXECUTIVE_HEAD: the hub they head'],
    HEADTEACHER: ['academyId', 'academyId is required for a HEADTEACHER: their school'],
    TEACHER: ['staffMemberId', 'staffMemberId is required for a TEACHER: their own staff record'],
  };
  const need = needs[input.role];
  if (need && !input[need[0]]) return failed(userError(need[0], need[1], 'REQUIRED'));
  if (input.role === 'ADMIN') scope.trustId = null;
  return ok(scope);
}

const emailTaken = (input: RecordInput) => userError('email', `email: ${input.email} is already in the directory`, 'TAKEN');
const subjectTaken = (input: RecordInput) => userError('subject', `subject: another directory record already has the subject "${input.subject}"`, 'TAKEN');

/** Which unique key another record holds, for a message naming the field (the unique indexes still decide races). */
async function takenErrors(input: RecordInput, exceptId: Types.ObjectId | null): Promise<UserError[]> {
  const other = exceptId ? { _id: { $ne: exceptId } } : {};
  const errors: UserError[] = [];
  if (await stores.directoryUsers.fresh.findOne({ emailKey: input.email.toLowerCase(), ...other })) errors.push(emailTaken(input));
  if (input.subject && (await stores.directoryUsers.fresh.findOne({ subjectKey: subjectKeyOf(input.subject), ...other }))) errors.push(subjectTaken(input));
  return errors;
}

function takenError(error: unknown, input: RecordInput): UserError {
  // MongoDB names the index; FerretDB 1.x may not, and then the email is the likelier clash.
  const text = `${JSON.stringify((error as { keyPattern?: unknown }).keyPattern ?? {})} ${(error as Error).message ?? ''}`;
  return text.includes('subjectKey') && input.subject ? subjectTaken(input) : emailTaken(input);
}

const fieldsOf = (input: RecordInput, scope: Scope) => ({
  email: input.email,
  subject: input.subject ?? null,
  name: input.name ?? null,
  role: input.role,
  ...scope,
});

export async function enrolUser(viewer: Viewer, input: unknown): Promise<Outcome<DirectoryUserLean>> {
  if (!directoryPolicy.mayManage(viewer)) throw new ForbiddenError(LEAD_LIMIT);
  const parsed = recordInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const scope = await resolveScope(parsed.data);
  if (!scope.ok) return scope;
  if (!directoryPolicy.manageRecordOf(viewer, scope.value.trustId?.toString() ?? null, parsed.data.role)) throw new ForbiddenError(LEAD_LIMIT);
  const taken = await takenErrors(parsed.data, null);
  if (taken.length) return failed(...taken);
  const actor = actorOf(viewer);
  const fields = fieldsOf(parsed.data, scope.value);
  try {
    const created = await DirectoryUser.create({ ...fields, createdBy: actor, updatedBy: actor });
    await recordAudit('DirectoryUser', created._id, 'ENROLLED', actor, diffFields(null, fields, AUDITED_FIELDS));
    return ok(created.toObject() as DirectoryUserLean);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(takenError(error, parsed.data));
    throw error;
  }
}

const idInput = z.object({ id: refInput });

async function existingRecord(viewer: Viewer, input: unknown): Promise<Outcome<DirectoryUserLean>> {
  const parsed = idInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const resolved = await resolveRef(stores.directoryUsers, parsed.data.id);
  if (!resolved.ok) return failed(resolved.error);
  if (!directoryPolicy.manageRecordOf(viewer, resolved.doc.trustId?.toString() ?? null, resolved.doc.role)) throw new ForbiddenError(LEAD_LIMIT);
  return ok(resolved.doc);
}

/** Replaces a record's fields with the input (the record as it should now be). */
export async function updateDirectoryUser(viewer: Viewer, input: unknown): Promise<Outcome<DirectoryUserLean>> {
  if (!directoryPolicy.mayManage(viewer)) throw new ForbiddenError(LEAD_LIMIT);
  const existing = await existingRecord(viewer, input);
  if (!existing.ok) return existing;
  const parsed = recordInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const scope = await resolveScope(parsed.data);
  if (!scope.ok) return scope;
  if (!directoryPolicy.manageRecordOf(viewer, scope.value.trustId?.toString() ?? null, parsed.data.role)) throw new ForbiddenError(LEAD_LIMIT);
  const taken = await takenErrors(parsed.data, existing.value._id);
  if (taken.length) return failed(...taken);
  const actor = actorOf(viewer);
  const fields = fieldsOf(parsed.data, scope.value);
  const changes = diffFields(existing.value as unknown as Record<string, unknown>, fields, AUDITED_FIELDS);
  try {
    // Conditional on the record still being as read (its updatedAt), so two managers' edits
    // cannot silently overwrite each other.
    const updated = await DirectoryUser.findOneAndUpdate(
      { _id: existing.value._id, updatedAt: existing.value.updatedAt },
      {
        $set: {
          ...fields,
          emailKey: fields.email.toLowerCase(),
          subjectKey: fields.subject ? subjectKeyOf(fields.subject) : `email:${fields.email.toLowerCase()}`,
          updatedBy: actor,
        },
      },
      { new: true, runValidators: true },
    ).lean();
    if (!updated) return failed(userError('id', 'id: the record changed while this update was made; read it again and retry', 'CONFLICT'));
    if (Object.keys(changes).length) await recordAudit('DirectoryUser', updated._id, 'UPDATED', actor, changes);
    return ok(updated as DirectoryUserLean);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(takenError(error, parsed.data));
    throw error;
  }
}

/** Removes a record: the person can no longer sign in, and sessions already open stop working. */
export async function removeDirectoryUser(viewer: Viewer, input: unknown): Promise<Outcome<DirectoryUserLean>> {
  if (!directoryPolicy.mayManage(viewer)) throw new ForbiddenError(LEAD_LIMIT);
  const existing = await existingRecord(viewer, input);
  if (!existing.ok) return existing;
  const removed = await DirectoryUser.findOneAndDelete({ _id: existing.value._id }).lean();
  if (!removed) return failed(userError('id', 'id: this directory record was already removed', 'NOT_FOUND'));
  await recordAudit('DirectoryUser', removed._id, 'REMOVED', actorOf(viewer), diffFields(removed as unknown as Record<string, unknown>, {}, AUDITED_FIELDS));
  return ok(removed as DirectoryUserLean);
}

/** What the identity provider vouched for about a signed-in person. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** The issuer says it checked the address (email_verified), or OIDC_EMAILS_VERIFIED. */
  emailVerified: boolean;
  name: string | null;
}

/**
 * The directory record of a signed-in person: the one recording their subject, else the one
 * with their verified email, unless that record names a different subject (the address has
 * passed to someone else at the issuer). Null: not enrolled.
 */
export async function findEnrolment(identity: VerifiedIdentity): Promise<DirectoryUserLean | null> {
  const bySubject = await stores.directoryUsers.findOne({ subjectKey: subjectKeyOf(identity.subject) });
  if (bySubject) return bySubject;
  if (!identity.email || !identity.emailVerified) return null;
  const byEmail = await stores.directoryUsers.findOne({ emailKey: identity.email.toLowerCase() });
  return byEmail && !byEmail.subject ? byEmail : null;
}

export async function findEnrolmentById(id: string): Promise<DirectoryUserLean | null> {
  return stores.directoryUsers.get(id);
}

/** The viewer a directory record makes: its role and scopes, nothing from the token's claims. */
export function viewerFromDirectory(record: DirectoryUserLean, subject: string, signedInWith: 'OIDC_BEARER' | 'OIDC_SESSION'): Viewer {
  const id = (value: Types.ObjectId | null | undefined) => (value ? value.toString() : null);
  return {
    sub: subject,
    role: record.role as Role,
    trustId: id(record.trustId),
    clusterId: id(record.clusterId),
    academyId: id(record.academyId),
    staffId: id(record.staffId),
    signedInWith,
    directoryUserId: record._id.toString(),
  };
}

/** Filter for the records a manager may list: all for ADMIN, their trust's for a lead. */
export function directoryListFilter(viewer: Viewer, trustId: string | null | undefined): Record<string, unknown> {
  if (!directoryPolicy.mayManage(viewer)) throw new ForbiddenError(LEAD_LIMIT);
  const requested = trustId && isRecordId(trustId) ? trustId : null;
  if (trustId != null && !requested) return { _id: null };
  if (viewer.role === 'ADMIN') return requested ? { trustId: requested } : {};
  if (requested && requested !== viewer.trustId) throw new ForbiddenError(LEAD_LIMIT);
  return { trustId: viewer.trustId };
}

/**
 * Sign-out: every browser session of this person issued until now stops working, on every
 * instance (the session cookie is checked against this on each request). Audited, as the
 * person's own act; the record's updatedAt is left alone so a manager's edit in flight is
 * not refused for it.
 */
export async function endSessions(directoryUserId: string, actor: { sub: string; role: string }, at: Date): Promise<void> {
  const before = await DirectoryUser.findByIdAndUpdate(directoryUserId, { $set: { sessionsNotBefore: at } }, { timestamps: false }).lean();
  if (before) await recordAudit('DirectoryUser', before._id, 'SIGNED_OUT', actor, { sessionsNotBefore: { from: before.sessionsNotBefore ?? null, to: at } });
}
