// What the database holds that a staff import compares against, read once per import (one
// scan per collection: FerretDB 1.x uses no index but _id's, so per-row look-ups would each
// scan): every person by lower-cased email, every school by URN, and the trust a full-trust
// file is for.
import { isValidObjectId, Types } from 'mongoose';
import { decodeIdOfType } from '../../auth/global-id';
import { Academy } from '../../models/academy';
import { StaffMember } from '../../models/staff-member';
import { Trust } from '../../models/trust';
import type { ExistingStaff, FullTrust, School } from './compare';

const STAFF_FIELDS = {
  name: 1, email: 1, emailKey: 1, role: 1, homeAcademyId: 1, designations: 1, expertise: 1, capacityDays: 1, remainingDays: 1,
  maxTravelKm: 1, safeguardingCheckExpiresOn: 1, availability: 1, leftAt: 1, missingFromImportSince: 1,
} as const;

export async function loadStaffByEmail(): Promise<Map<string, ExistingStaff>> {
  const byEmail = new Map<string, ExistingStaff>();
  const cursor = StaffMember.collection.find({}, { projection: STAFF_FIELDS, batchSize: 5000 });
  for await (const doc of cursor) byEmail.set(String(doc.emailKey), doc as unknown as ExistingStaff);
  return byEmail;
}

export async function loadSchoolsByUrn(): Promise<Map<string, School>> {
  const byUrn = new Map<string, School>();
  const cursor = Academy.collection.find({}, { projection: { urn: 1, name: 1, trustId: 1 }, batchSize: 5000 });
  for await (const doc of cursor) {
    byUrn.set(String(doc.urn), { _id: doc._id as Types.ObjectId, urn: String(doc.urn), name: String(doc.name), trustId: doc.trustId ? String(doc.trustId) : null });
  }
  return byUrn;
}

/** The trust named by its name (any case), its DfE trust code, or its global ID; null when none matches. */
export async function findTrust(reference: string): Promise<FullTrust | null> {
  const text = reference.trim();
  const byId = decodeIdOfType(text, 'Trust');
  const clauses: Record<string, unknown>[] = [{ nameKey: text.toLowerCase() }, { 'gias.trustCode': text }];
  if (byId && isValidObjectId(byId)) clauses.push({ _id: new Types.ObjectId(byId) });
  const trust = await Trust.collection.findOne({ $or: clauses }, { projection: { name: 1 } });
  return trust ? { id: String(trust._id), name: String(trust.name) } : null;
}
