// Who is told: people with a work email this service holds. Staff records (a school's
// HEADTEACHER, the supporter) and, for people who are not staff (an improvement lead), the
// user directory, read through the stores (server/db/store).
import { staffIdOfSubject } from '../auth/tokens';
import { type Stores, stores } from '../db/store';
import type { ActorRecord } from '../models/common';

export interface Person {
  name: string | null;
  email: string;
}

type Filter = Record<string, unknown>;
type Named = { name?: string | null; email: string };

const person = (p: Named): Person => ({ name: p.name ?? null, email: p.email });

async function staffWhere(filter: Filter, from: Pick<Stores, 'staff'> = stores): Promise<Named[]> {
  return from.staff.find(filter, { projection: { name: 1, email: 1 } });
}

/** The staff members recorded with role HEADTEACHER at a school (API.md: they agree releases). */
export async function headteachersOf(academyId: unknown): Promise<Person[]> {
  if (!academyId) return [];
  return (await staffWhere({ homeAcademyId: academyId, role: 'HEADTEACHER' })).map(person);
}

/** `from`: the stores to read (`databaseStores` when the address decides a write, ../db/store). */
export async function staffPerson(staffId: unknown, from: Pick<Stores, 'staff'> = stores): Promise<Person | null> {
  if (!staffId) return null;
  const found = await staffWhere({ _id: staffId }, from);
  return found[0] ? person(found[0]) : null;
}

/**
 * The person behind a token subject: a staff member (a staff token's subject is their
 * StaffMember ID), or someone in the user directory (signed in with the issuer). Service
 * tokens of neither kind name no one.
 */
export async function personOfActor(actor: ActorRecord): Promise<Person | null> {
  const staffId = staffIdOfSubject(actor.sub);
  if (staffId) return staffPerson(staffId);
  const user = await stores.directoryUsers.findOne({ subjectKey: `sub:${actor.sub}` });
  return user ? person(user) : null;
}

/** The trust's improvement leads in the user directory: who arranges its support. */
export async function improvementLeadsOf(trustId: unknown): Promise<Person[]> {
  if (!trustId) return [];
  return (await stores.directoryUsers.find({ trustId, role: 'IMPROVEMENT_LEAD' }, { projection: { name: 1, email: 1 } })).map(person);
}
