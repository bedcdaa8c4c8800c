// Who is told: people with a work email this service holds. Staff records (a school's
// HEADTEACHER, the supporter) and, for people who are not staff (an improvement lead), the
// user directory. Reads come from the in-process copies on FerretDB where there are some.
import { decodeIdOfType } from '../auth/global-id';
import type { ActorRecord } from '../models/common';
import { DirectoryUser } from '../models/directory-user';
import { StaffMember } from '../models/staff-member';
import { findInCopy } from '../db/read-cache';

export interface Person {
  name: string | null;
  email: string;
}

type Filter = Record<string, unknown>;
type Named = { name?: string | null; email: string };

const person = (p: Named): Person => ({ name: p.name ?? null, email: p.email });

async function staffWhere(filter: Filter): Promise<Named[]> {
  return (await findInCopy<Named & { _id: unknown }>(StaffMember, filter)) ?? ((await StaffMember.find(filter, { name: 1, email: 1 }).lean()) as Named[]);
}

/** The staff members recorded with role HEADTEACHER at a school (API.md: they agree releases). */
export async function headteachersOf(academyId: unknown): Promise<Person[]> {
  if (!academyId) return [];
  return (await staffWhere({ homeAcademyId: academyId, role: 'HEADTEACHER' })).map(person);
}

export async function staffPerson(staffId: unknown): Promise<Person | null> {
  if (!staffId) return null;
  const found = await staffWhere({ _id: staffId });
  return found[0] ? person(found[0]) : null;
}

/**
 * The person behind a token subject: a staff member (a staff token's subject is their
 * StaffMember ID), or someone in the user directory (signed in with the issuer). Service
 * tokens of neither kind name no one.
 */
export async function personOfActor(actor: ActorRecord): Promise<Person | null> {
  const staffId = decodeIdOfType(actor.sub, 'StaffMember');
  if (staffId) return staffPerson(staffId);
  const user = (await DirectoryUser.findOne({ subjectKey: `sub:${actor.sub}` }, { name: 1, email: 1 }).lean()) as Named | null;
  return user ? person(user) : null;
}

/** The trust's improvement leads in the user directory: who arranges its support. */
export async function improvementLeadsOf(trustId: unknown): Promise<Person[]> {
  if (!trustId) return [];
  return ((await DirectoryUser.find({ trustId, role: 'IMPROVEMENT_LEAD' }, { name: 1, email: 1 }).lean()) as Named[]).map(person);
}
