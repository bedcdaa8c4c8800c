import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy, roleMay } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { OFSTED_RATINGS, PHASES } from '../domain/enums';
import { Academy, type AcademyRecord } from '../models/academy';
import { nameInput } from './name-input';
import { diffFields, recordAudit } from './audit';
import { hubsLedBy, leadCannotLeave } from './hub-leads';
import { refreshPrioritiesForAcademy } from './need-priority';
import { refInput, resolveRef } from './references';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, userError } from './user-errors';
import type { LeanDoc } from '../models/lean';

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

export const academyFieldsInput = {
  name: nameInput(),
  phase: z.enum(PHASES),
  ofstedRating: z.enum(OFSTED_RATINGS),
  fsmPercent: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').nullable(),
  pupils: z.number().int('must be a whole number').min(0, 'must not be negative').max(10000, 'must be at most 10000').nullable(),
  postcode: z
    .string()
    .trim()
    .transform((p) => p.toUpperCase().replace(/\s+/g, ' '))
    .refine((p) => POSTCODE.test(p), 'must be a UK postcode such as "PL31 1EZ"')
    .transform((p) => p.replace(POSTCODE, '$1 $2'))
    .nullable(),
  latitude: z.number().min(49, 'must be within England (49 to 61)').max(61, 'must be within England (49 to 61)').nullable(),
  longitude: z.number().min(-9, 'must be within England (-9 to 3)').max(3, 'must be within England (-9 to 3)').nullable(),
};

const upsertAcademyInput = z.object({
  urn: z.string().trim().regex(/^\d{5,7}$/, 'must be the 5 to 7 digit Unique Reference Number from GIAS'),
  name: academyFieldsInput.name.optional(),
  phase: academyFieldsInput.phase.optional(),
  ofstedRating: academyFieldsInput.ofstedRating.optional(),
  fsmPercent: academyFieldsInput.fsmPercent.optional(),
  pupils: academyFieldsInput.pupils.optional(),
  postcode: academyFieldsInput.postcode.optional(),
  latitude: academyFieldsInput.latitude.optional(),
  longitude: academyFieldsInput.longitude.optional(),
  trustId: refInput.nullable().optional(),
});

const AUDITED_FIELDS = ['name', 'phase', 'ofstedRating', 'fsmPercent', 'pupils', 'postcode', 'latitude', 'longitude', 'trustId'] as const;

export type AcademyLean = LeanDoc<AcademyRecord>;

export async function upsertAcademy(viewer: Viewer, input: unknown): Promise<Outcome<AcademyLean>> {
  if (!roleMay.recordAcademies(viewer)) throw new ForbiddenError('academies are recorded by an ADMIN, or an IMPROVEMENT_LEAD for their own trust');
  const parsed = upsertAcademyInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { urn, trustId: trustRef, ...fields } = parsed.data;

  const existing = await stores.academies.fresh.findOne({ urn });
  const errors = [];
  if (!existing) {
    if (fields.name === undefined) errors.push(userError('name', 'name is required for a new academy', 'REQUIRED'));
    if (fields.phase === undefined) errors.push(userError('phase', 'phase is required for a new academy', 'REQUIRED'));
  }
  let trustId: string | null | undefined = undefined;
  if (trustRef === null) trustId = null;
  else if (trustRef !== undefined) {
    const trust = await resolveRef(stores.trusts, trustRef);
    if (!trust.ok) errors.push(trust.error);
    else trustId = String(trust.doc._id);
  }
  const latGiven = fields.latitude !== undefined;
  const lngGiven = fields.longitude !== undefined;
  if (latGiven !== lngGiven || (latGiven && (fields.latitude === null) !== (fields.longitude === null))) {
    errors.push(userError(latGiven ? 'longitude' : 'latitude', 'latitude and longitude must be given together', 'INVALID'));
  }
  if (errors.length) return failed(...errors);

  const currentTrust = existing?.trustId ? String(existing.trustId) : null;
  const targetTrust = trustId === undefined ? currentTrust : trustId;
  if (!policy.manageTrustRecords(viewer, targetTrust) || (existing && !policy.manageTrustRecords(viewer, currentTrust))) {
    throw new ForbiddenError(
      existing && currentTrust !== viewer.trustId
        ? `academy ${urn} belongs to another trust; only an ADMIN or that trust's improvement lead may change it`
        : 'only an ADMIN, or an IMPROVEMENT_LEAD for academies of their own trust, may record academies',
    );
  }

  const actor = actorOf(viewer);
  const set: Record<string, unknown> = { updatedBy: actor };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) set[key] = value;
  if (trustId !== undefined) set.trustId = trustId;
  // A judgement set by hand comes without its date: unknown, rather than the old one's date.
  if (fields.ofstedRating !== undefined && existing && existing.ofstedRating !== fields.ofstedRating) set.ofstedJudgedOn = null;
  const leavesTrust = existing !== null && trustId !== undefined && String(existing.trustId ?? '') !== String(trustId ?? '');
  if (leavesTrust) {
    // Leaving a trust means leaving its hub too, which its lead may not do (services/hub-leads.ts).
    const led = (await hubsLedBy([existing._id.toString()])).get(existing._id.toString());
    if (led) return failed(userError('trustId', `trustId: ${leadCannotLeave(existing.name, led, 'to another trust')}`, 'LEAD_ACADEMY'));
    set.clusterId = null;
  }

  try {
    const before = (await Academy.findOneAndUpdate(
      // Conditional on the hub we read when changing trust, so a hub created meanwhile with this
      // school as its lead is never left behind: the write misses and the retry sees the lead.
      leavesTrust ? { urn, clusterId: existing.clusterId ?? null } : { urn },
      { $set: set, $setOnInsert: { urn, createdBy: actor } },
      { upsert: true, returnDocument: 'before', runValidators: true, setDefaultsOnInsert: true },
    ).lean()) as AcademyLean | null;
    const after = (await stores.academies.fresh.findOne({ urn }))!;
    await recordAudit('Academy', after._id, before ? 'UPDATED' : 'CREATED', actor, diffFields(before as never, after as never, AUDITED_FIELDS));
    if (before) await refreshPrioritiesForAcademy(after._id.toString());
    return ok(after);
  } catch (error) {
    if (isDuplicateKey(error)) return upsertAcademy(viewer, input); // lost an insert race: now it is an update
    throw error;
  }
}
