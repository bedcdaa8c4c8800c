import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { MANAGED_STAFF_FIELDS, policy, roleMay } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { DESIGNATIONS, EXPERTISE_LEVELS, PHASES, STAFF_ROLES } from '../domain/enums';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { StaffMember, type StaffMemberRecord } from '../models/staff-member';
import { nameInput } from './name-input';
import { schoolYearOf } from '../domain/school-year';
import { mostCommittedAhead, rollOverTo } from '../domain/year-capacity';
import { capacityRecordOf, rollStaffTo } from './staff-days';
import { diffFields, recordAudit } from './audit';
import type { LeanDoc } from '../models/lean';
import { type Ref, refInput, resolveRef, scopeOf } from './references';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, type UserError, userError } from './user-errors';

export type StaffLean = LeanDoc<StaffMemberRecord>;

const expertiseEntryInput = z.object({
  area: z.enum(EXPERTISE_AREAS as [string, ...string[]]),
  level: z.enum(EXPERTISE_LEVELS),
  phases: z.array(z.enum(PHASES)).max(PHASES.length).default([]),
  evidence: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});

const expertiseListInput = z
  .array(expertiseEntryInput)
  .max(40, 'at most 40 expertise entries')
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.area)) ctx.addIssue({ code: 'custom', path: [index, 'area'], message: `${entry.area} is listed more than once` });
      seen.add(entry.area);
    });
  });

/** Stretches of days a person is free (inclusive); at most 50, none ending before it starts. */
const availabilityInput = z
  .array(
    z
      .object({
        from: z.coerce.date({ message: 'must be a date (YYYY-MM-DD)' }),
        to: z.coerce.date({ message: 'must be a date (YYYY-MM-DD)' }),
      })
      .refine((w) => w.from.getTime() <= w.to.getTime(), { path: ['to'], message: 'must not be before from' }),
  )
  .max(50, 'at most 50 stretches of availability');

/**
 * Stretches that ended before today and were not already stored: stating a stretch of the past
 * is a slip (a wrong year, most often), so it is refused at its `to`. Stored ones may be sent
 * back unchanged, so a form that re-sends the whole list still saves.
 */
function pastWindowErrors(windows: readonly { from: Date; to: Date }[], stored: readonly { from: Date; to: Date }[], now: Date): UserError[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const storedKeys = new Set(stored.map((w) => `${w.from.getTime()}/${w.to.getTime()}`));
  return windows.flatMap((w, index) =>
    w.to.getTime() < today && !storedKeys.has(`${w.from.getTime()}/${w.to.getTime()}`)
      ? [userError(['availability', String(index), 'to'], `availability.${index}.to: ${w.to.toISOString().slice(0, 10)} is in the past; a range must end today or later`, 'IN_THE_PAST')]
      : [],
  );
}

const staffFields = {
  name: nameInput(),
  email: z.string().trim().max(254).email('must be a valid email address'),
  role: z.enum(STAFF_ROLES),
  designations: z.array(z.enum(DESIGNATIONS)).max(4).transform((d) => [...new Set(d)]),
  capacityDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(200, 'must be at most 200 days'),
  maxTravelKm: z.number().min(0, 'must not be negative').max(1000, 'must be at most 1000 km').nullable(),
  safeguardingCheckExpiresOn: z.coerce.date({ message: 'must be a date (YYYY-MM-DD)' }).nullable(),
};

const createStaffInput = z.object({
  ...staffFields,
  homeAcademyId: refInput,
  designations: staffFields.designations.default([]),
  maxTravelKm: staffFields.maxTravelKm.optional().default(null),
  safeguardingCheckExpiresOn: staffFields.safeguardingCheckExpiresOn.optional().default(null),
  expertise: expertiseListInput.default([]),
  availability: availabilityInput.nullish().transform((a) => a ?? []),
});

async function homeAcademy(ref: Ref) {
  return resolveRef(stores.academies, ref);
}

export async function createStaffMember(viewer: Viewer, input: unknown): Promise<Outcome<StaffLean>> {
  if (!roleMay.addStaff(viewer)) throw new ForbiddenError('staff are added by an ADMIN, an IMPROVEMENT_LEAD or a HEADTEACHER');
  const parsed = createStaffInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { homeAcademyId, ...data } = parsed.data;
  const home = await homeAcademy(homeAcademyId);
  if (!home.ok) return failed(home.error);
  if (!policy.manageStaffAt(viewer, scopeOf(home.doc))) {
    throw new ForbiddenError("only an ADMIN, the trust's improvement lead or the academy's headteacher may add its staff");
  }
  const past = pastWindowErrors(data.availability, [], new Date());
  if (past.length) return failed(...past);
  const actor = actorOf(viewer);
  try {
    const staff = await StaffMember.create({
      ...data,
      emailKey: data.email.toLowerCase(),
      homeAcademyId: home.doc._id,
      remainingDays: data.capacityDays,
      createdBy: actor,
      updatedBy: actor,
    });
    const after = staff.toObject() as StaffLean;
    await recordAudit('StaffMember', staff._id, 'CREATED', actor, diffFields(null, after as never, STAFF_AUDITED_FIELDS));
    return ok(after);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('email', `a staff member with email ${data.email} already exists`, 'TAKEN'));
    throw error;
  }
}

const STAFF_AUDITED_FIELDS = [
  'name',
  'email',
  'role',
  'homeAcademyId',
  'designations',
  'expertise',
  'capacityDays',
  'maxTravelKm',
  'safeguardingCheckExpiresOn',
  'availability',
] as const;

/** Whether an update changes a managed field (a form re-sending the same value does not). */
function changesManagedField(before: StaffLean, field: (typeof MANAGED_STAFF_FIELDS)[number], value: unknown): boolean {
  if (value === undefined) return false;
  switch (field) {
    case 'role':
      return value !== before.role;
    case 'designations':
      return [...(value as string[])].sort().join() !== [...(before.designations ?? [])].sort().join();
    case 'homeAcademyId':
      return !(value as Ref).ok || (value as Ref & { ok: true }).id !== before.homeAcademyId.toString();
    case 'safeguardingCheckExpiresOn':
      return ((value as Date | null)?.getTime() ?? null) !== (before.safeguardingCheckExpiresOn?.getTime() ?? null);
  }
}

const updateStaffInput = z.object({
  id: refInput,
  name: staffFields.name.optional(),
  email: staffFields.email.optional(),
  role: staffFields.role.optional(),
  homeAcademyId: refInput.optional(),
  designations: staffFields.designations.optional(),
  expertise: expertiseListInput.optional(),
  capacityDays: staffFields.capacityDays.optional(),
  maxTravelKm: staffFields.maxTravelKm.optional(),
  safeguardingCheckExpiresOn: staffFields.safeguardingCheckExpiresOn.optional(),
  availability: availabilityInput.nullish().transform((a) => (a === null ? [] : a)),
});

/**
 * Updates a profile, expertise and availability. Capacity changes keep days already committed
 * to deployments: the new capacity may not fall below them, checked in the same atomic write.
 */
/** The person's record with this school year open (moved on first when behind). */
async function capacityAsOfThisYear(before: StaffLean, actor: ReturnType<typeof actorOf>): Promise<StaffLean | null> {
  const rolled = await rollStaffTo(before._id, schoolYearOf(new Date()), actor);
  return rolled.rolled ? await stores.staff.fresh.get(before._id.toString()) : before;
}

export async function updateStaffMember(viewer: Viewer, input: unknown): Promise<Outcome<StaffLean>> {
  const parsed = updateStaffInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { id, homeAcademyId, capacityDays, ...fields } = parsed.data;
  const found = await resolveRef(stores.staff, id);
  if (!found.ok) return failed(found.error);
  const before = found.doc;
  const currentHome = await stores.academies.fresh.get(before.homeAcademyId.toString());
  if (!currentHome || !policy.editStaffProfile(viewer, before._id.toString(), scopeOf(currentHome))) {
    throw new ForbiddenError('you may change only your own profile, or staff of the schools you lead');
  }
  // Allowed only as the person themselves (any role): the managed fields stay as they are.
  const ownProfileOnly = !policy.manageStaffAt(viewer, scopeOf(currentHome));
  const managed = MANAGED_STAFF_FIELDS.filter((field) => changesManagedField(before, field, parsed.data[field]));
  if (ownProfileOnly && managed.length) {
    throw new ForbiddenError(`you may not change your own ${managed.join(', ')}; ask your headteacher`);
  }
  const past = fields.availability ? pastWindowErrors(fields.availability, before.availability ?? [], new Date()) : [];
  if (past.length) return failed(...past);
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) set[key] = value;
  if (fields.email) set.emailKey = fields.email.toLowerCase();
  if (fields.expertise) set.expertiseAreas = [...new Set(fields.expertise.map((e) => e.area))];
  if (homeAcademyId !== undefined && changesManagedField(before, 'homeAcademyId', homeAcademyId)) {
    const home = await homeAcademy(homeAcademyId);
    if (!home.ok) return failed(home.error);
    if (!policy.manageStaffAt(viewer, scopeOf(home.doc))) {
      throw new ForbiddenError('moving a person to another school needs the rights to manage staff at that school');
    }
    set.homeAcademyId = home.doc._id;
  }
  const actor = actorOf(viewer);
  set.updatedBy = actor;
  const filter: Record<string, unknown> = { _id: before._id };
  const update: Record<string, unknown> = { $set: set };
  // capacityDays is this school year's offer (and the standing offer for later years): a
  // person not yet moved on to this year is first (their last year's record stays as it was).
  // Checked on the record as it will stand in this year before anything is written.
  if (capacityDays !== undefined) {
    const record = capacityRecordOf(before);
    const inThisYear = rollOverTo(record, schoolYearOf(new Date())) ?? record;
    const floor = Math.max(inThisYear.capacityDays - inThisYear.remainingDays, mostCommittedAhead(inThisYear));
    if (capacityDays < floor) {
      return failed(userError('capacityDays', `capacityDays cannot go below the ${floor} days already committed to deployments this school year or a later one`, 'BELOW_COMMITTED'));
    }
  }
  const capacity = capacityDays === undefined ? null : await capacityAsOfThisYear(before, actor);
  if (capacityDays !== undefined && capacity && capacityDays !== capacity.capacityDays) {
    const delta = capacityDays - capacity.capacityDays;
    const ahead = mostCommittedAhead(capacityRecordOf(capacity));
    if (capacityDays < ahead) {
      return failed(userError('capacityDays', `capacityDays cannot go below the ${ahead} days already committed in a later school year`, 'BELOW_COMMITTED'));
    }
    // Conditional on the capacity we read (its year and version too) and on enough uncommitted days to give up.
    filter.capacityDays = capacity.capacityDays;
    filter.capacityYear = capacity.capacityYear;
    filter.capacityVersion = capacity.capacityVersion ?? { $in: [null, 0] };
    if (delta < 0) filter.remainingDays = { $gte: -delta };
    set.capacityDays = capacityDays;
    update.$inc = { remainingDays: delta };
  }
  try {
    const after = (await StaffMember.findOneAndUpdate(filter, update, { new: true, runValidators: true }).lean()) as StaffLean | null;
    if (!after) {
      const committed = capacity ? capacity.capacityDays - capacity.remainingDays : 0;
      return failed(
        userError('capacityDays', `capacityDays cannot go below the ${committed} days already committed to deployments (or it changed meanwhile; reload and retry)`, 'BELOW_COMMITTED'),
      );
    }
    await recordAudit('StaffMember', after._id, 'UPDATED', actor, diffFields(before as never, after as never, STAFF_AUDITED_FIELDS));
    return ok(after);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('email', `a staff member with email ${fields.email} already exists`, 'TAKEN'));
    throw error;
  }
}
