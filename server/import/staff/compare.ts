// Compares the file's good rows with what the database holds and decides, row by row, what
// to write: a new person, the fields that changed, or nothing. Also the checks that need the
// database (the home school exists and, for a full-trust file, is in that trust; capacity
// not below the days already committed), so that a file with any bad row writes nothing.
// Pure: the database's state comes in as plain maps (existing.ts).
import type { Types } from 'mongoose';
import { formatCalendarDate } from '../../domain/calendar-date';
import type { FieldChanges } from '../../services/audit';
import type { RowIdentity, RowProblem, StaffRow } from './row';

export interface ExistingStaff {
  _id: Types.ObjectId;
  name: string;
  email: string;
  emailKey: string;
  role: string;
  homeAcademyId: Types.ObjectId;
  designations?: string[] | null;
  expertise?: { area: string; level: string; phases?: string[] | null; evidence?: string | null }[] | null;
  capacityDays: number;
  remainingDays: number;
  maxTravelKm?: number | null;
  safeguardingCheckExpiresOn?: Date | null;
  availability?: { from: Date; to: Date }[] | null;
  leftAt?: Date | null;
  missingFromImportSince?: Date | null;
}

export interface School {
  _id: Types.ObjectId;
  urn: string;
  name: string;
  trustId: string | null;
}

export interface FullTrust {
  id: string;
  name: string;
}

export interface StaffInsert {
  row: StaffRow;
  doc: Record<string, unknown>;
}

export interface StaffUpdate {
  row: StaffRow;
  id: Types.ObjectId;
  /** Fields set to the file's values (capacityDays excepted: see capacityDelta). */
  set: Record<string, unknown>;
  /**
   * Days added to (or, negative, taken from) capacityDays and remainingDays together, so days
   * reserved meanwhile stay reserved (increments commute with reservations); write.ts undoes
   * a cut that would leave fewer free days than nothing.
   */
  capacityDelta: number;
  changes: FieldChanges;
}

export interface MissingPerson {
  id: Types.ObjectId;
  name: string;
  email: string;
  school: string;
  /** Already flagged by an earlier import: left as it is. */
  alreadyFlagged: boolean;
}

export interface ImportPlan {
  problems: RowProblem[];
  inserts: StaffInsert[];
  updates: StaffUpdate[];
  unchanged: number;
  warnings: { line: number; message: string }[];
  missing: MissingPerson[];
}

/** The fields a file sets; their values compared in one canonical form. */
const COMPARED = ['name', 'email', 'role', 'homeAcademyId', 'designations', 'expertise', 'capacityDays', 'maxTravelKm', 'safeguardingCheckExpiresOn', 'availability'] as const;
type Compared = (typeof COMPARED)[number];

/**
 * `rows` are the good rows; `broken` the rows already found bad, which still get the checks
 * the database answers (school, duplicate email), so one run names every problem.
 */
export function planImport(
  rows: readonly StaffRow[],
  existingByEmail: ReadonlyMap<string, ExistingStaff>,
  schoolsByUrn: ReadonlyMap<string, School>,
  fullTrust: FullTrust | null,
  broken: readonly RowIdentity[] = [],
): ImportPlan {
  const plan: ImportPlan = { problems: [], inserts: [], updates: [], unchanged: 0, warnings: [], missing: [] };
  const firstLineOf = new Map<string, number>();
  const identities: (RowIdentity & { row?: StaffRow })[] = [...rows.map((row) => ({ line: row.line, email: row.email, homeUrn: row.homeUrn, row })), ...broken];
  identities.sort((a, b) => a.line - b.line);
  for (const { line, email, homeUrn, row } of identities) {
    const problems: RowProblem[] = [];
    if (email !== null) {
      const key = email.toLowerCase();
      const seenOn = firstLineOf.get(key);
      if (seenOn !== undefined) problems.push({ line, column: 'email', message: `${email} is already on line ${seenOn}: one row per person` });
      else firstLineOf.set(key, line);
    }
    const school = homeUrn === null ? undefined : schoolsByUrn.get(homeUrn);
    if (homeUrn !== null && !school) problems.push({ line, column: 'homeUrn', message: `no school with URN ${homeUrn} is recorded here (import the GIAS register, or add the school, first)` });
    else if (school && fullTrust && school.trustId !== fullTrust.id) {
      problems.push({ line, column: 'homeUrn', message: `${school.name} (URN ${homeUrn}) is not a school of ${fullTrust.name}, which this full-trust file is for` });
    }
    if (!row) {
      plan.problems.push(...problems);
      continue;
    }
    const before = existingByEmail.get(row.emailKey);
    if (before) {
      const committed = before.capacityDays - before.remainingDays;
      if (row.capacityDays < committed) {
        problems.push({ line: row.line, column: 'capacityDays', message: `${row.capacityDays} is below the ${committed} days ${before.name} already has committed to deployments` });
      }
      if (before.leftAt) plan.warnings.push({ line: row.line, message: `${row.email} was marked as left on ${formatCalendarDate(before.leftAt)}: their record is updated, and they stay a leaver` });
    }
    if (problems.length || !school) {
      plan.problems.push(...problems);
      continue;
    }
    if (!before) plan.inserts.push({ row, doc: newPerson(row, school) });
    else {
      const update = changesFor(row, before, school);
      if (update) plan.updates.push(update);
      else plan.unchanged += 1;
    }
  }
  if (fullTrust) plan.missing = missingFrom(existingByEmail, firstLineOf, schoolsByUrn, fullTrust);
  return plan;
}

function newPerson(row: StaffRow, school: School): Record<string, unknown> {
  return {
    name: row.name,
    email: row.email,
    emailKey: row.emailKey,
    role: row.role,
    homeAcademyId: school._id,
    designations: row.designations,
    expertise: row.expertise.map((e) => ({ ...e, evidence: null })),
    expertiseAreas: row.expertise.map((e) => e.area),
    capacityDays: row.capacityDays,
    remainingDays: row.capacityDays,
    maxTravelKm: row.maxTravelKm,
    safeguardingCheckExpiresOn: row.safeguardingCheckExpiresOn,
    availability: row.availability ?? [],
    leftAt: null,
    missingFromImportSince: null,
  };
}

/** The update a row makes to an existing person, or null when nothing it sets differs. */
function changesFor(row: StaffRow, before: ExistingStaff, school: School): StaffUpdate | null {
  // Evidence is not in the file: what people wrote in the app is kept for each area still listed.
  const evidenceByArea = new Map((before.expertise ?? []).map((e) => [e.area, e.evidence ?? null]));
  const after: Record<Compared, unknown> = {
    name: row.name,
    email: row.email,
    role: row.role,
    homeAcademyId: school._id,
    designations: row.designations,
    expertise: row.expertise.map((e) => ({ ...e, evidence: evidenceByArea.get(e.area) ?? null })),
    capacityDays: row.capacityDays,
    maxTravelKm: row.maxTravelKm,
    safeguardingCheckExpiresOn: row.safeguardingCheckExpiresOn,
    availability: row.availability,
  };
  const set: Record<string, unknown> = {};
  const changes: FieldChanges = {};
  for (const field of COMPARED) {
    if (after[field] === undefined) continue; // an absent optional column leaves the field alone
    const from = canonical(field, (before as unknown as Record<string, unknown>)[field]);
    const to = canonical(field, after[field]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = { from, to };
    set[field] = after[field];
  }
  if (before.missingFromImportSince) {
    changes.missingFromImportSince = { from: before.missingFromImportSince.toISOString(), to: null };
    set.missingFromImportSince = null;
  }
  if (!Object.keys(set).length) return null;
  if (set.email !== undefined) set.emailKey = row.emailKey;
  if (set.expertise !== undefined) set.expertiseAreas = row.expertise.map((e) => e.area);
  let capacityDelta = 0;
  if (set.capacityDays !== undefined) {
    capacityDelta = row.capacityDays - before.capacityDays;
    delete set.capacityDays;
  }
  return { row, id: before._id, set, capacityDelta, changes };
}

/** One comparable form per field: order-free lists, dates as YYYY-MM-DD, ids as strings. */
function canonical(field: Compared, value: unknown): unknown {
  if (value === undefined || value === null) return field === 'designations' || field === 'expertise' || field === 'availability' ? [] : null;
  switch (field) {
    case 'homeAcademyId':
      return String(value);
    case 'designations':
      return [...(value as string[])].sort();
    case 'expertise':
      return (value as { area: string; level: string; phases?: string[] | null }[])
        .map((e) => ({ area: e.area, level: e.level, phases: [...(e.phases ?? [])].sort() }))
        .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
    case 'safeguardingCheckExpiresOn':
      return formatCalendarDate(value as Date);
    case 'availability':
      return (value as { from: Date; to: Date }[]).map((w) => `${formatCalendarDate(w.from)}..${formatCalendarDate(w.to)}`).sort();
    default:
      return value;
  }
}

/** People still at a school of the trust, not marked as left, whom the file does not list. */
function missingFrom(
  existingByEmail: ReadonlyMap<string, ExistingStaff>,
  inFile: ReadonlyMap<string, number>,
  schoolsByUrn: ReadonlyMap<string, School>,
  trust: FullTrust,
): MissingPerson[] {
  const trustSchools = new Map<string, School>();
  for (const school of schoolsByUrn.values()) if (school.trustId === trust.id) trustSchools.set(school._id.toString(), school);
  const missing: MissingPerson[] = [];
  for (const person of existingByEmail.values()) {
    const school = trustSchools.get(person.homeAcademyId.toString());
    if (!school || person.leftAt || inFile.has(person.emailKey)) continue;
    missing.push({ id: person._id, name: person.name, email: person.email, school: school.name, alreadyFlagged: Boolean(person.missingFromImportSince) });
  }
  return missing.sort((a, b) => (a.email < b.email ? -1 : 1));
}
