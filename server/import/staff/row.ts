// One row of a staff file, checked column by column: every problem is named with its line
// and column, so a data manager can fix the whole file in one pass. The limits are the same
// as createStaffMember's (server/services/staff.ts).
import { z } from 'zod';
import { parseCalendarDate } from '../../domain/calendar-date';
import { DESIGNATIONS, type Designation, EXPERTISE_LEVELS, type ExpertiseLevel, PHASES, type Phase, STAFF_ROLES, type StaffRole } from '../../domain/enums';
import { EXPERTISE_AREAS, type ExpertiseArea } from '../../domain/taxonomy';
import type { AvailabilityWindow } from '../../ranking/availability';
import type { ColumnIndex, ColumnName } from './columns';

export interface RowProblem {
  line: number;
  /** The column at fault, or null for the row as a whole. */
  column: ColumnName | null;
  message: string;
}

export interface StaffRow {
  line: number;
  name: string;
  email: string;
  /** Lower-cased email: people are matched by it. */
  emailKey: string;
  role: StaffRole;
  homeUrn: string;
  designations: Designation[];
  expertise: { area: ExpertiseArea; level: ExpertiseLevel; phases: Phase[] }[];
  capacityDays: number;
  maxTravelKm: number | null;
  safeguardingCheckExpiresOn: Date | null;
  /** Undefined when the file has no availability column: existing people keep theirs. */
  availability?: AvailabilityWindow[];
}

/** What a bad row still says about who and where, so the checks against the database run for it too. */
export interface RowIdentity {
  line: number;
  email: string | null;
  homeUrn: string | null;
}

export type RowResult = { ok: true; row: StaffRow } | { ok: false; problems: RowProblem[]; identity: RowIdentity };

const EMAIL = z.string().email();
const MAX_EXPERTISE = 40;
const MAX_WINDOWS = 50;

const listOf = (text: string) => text.split(';').map((part) => part.trim()).filter(Boolean);
const oneOf = <T extends string>(values: readonly T[], text: string): T | null => (values as readonly string[]).includes(text) ? (text as T) : null;
const upper = (text: string) => text.trim().toUpperCase();

export function parseRow(line: number, fields: readonly string[], columns: ColumnIndex): RowResult {
  if (fields.length !== columns.width) {
    const problem = { line, column: null, message: `has ${fields.length} fields where the header has ${columns.width} (a comma inside a value that is not in quotes?)` };
    return { ok: false, problems: [problem], identity: { line, email: null, homeUrn: null } };
  }
  const problems: RowProblem[] = [];
  const cell = (column: ColumnName) => {
    const at = columns.at[column];
    return at === undefined ? undefined : fields[at]!.trim();
  };
  const bad = (column: ColumnName, message: string) => {
    problems.push({ line, column, message });
    return null;
  };

  const name = cell('name')!;
  if (name.length < 2) bad('name', name ? `"${name}" is too short: give the full name` : 'is empty: give the full name');
  else if (name.length > 200) bad('name', 'is longer than 200 characters');

  const email = cell('email')!;
  if (!email) bad('email', 'is empty: give the work email');
  else if (email.length > 254 || !EMAIL.safeParse(email).success) bad('email', `"${email}" is not a valid email address`);

  const roleText = upper(cell('role')!);
  const role = oneOf(STAFF_ROLES, roleText) ?? bad('role', `"${cell('role')}" is not a role; use one of ${STAFF_ROLES.join(', ')}`);

  const homeUrn = cell('homeUrn')!;
  if (!/^\d{5,7}$/.test(homeUrn)) bad('homeUrn', homeUrn ? `"${homeUrn}" is not a URN (5 to 7 digits)` : 'is empty: give the URN of the school they work at');

  const designations: Designation[] = [];
  for (const text of listOf(cell('designations')!)) {
    const value = oneOf(DESIGNATIONS, upper(text));
    if (!value) bad('designations', `"${text}" is not a designation; use ${DESIGNATIONS.join(', ')}, separated by ";"`);
    else if (!designations.includes(value)) designations.push(value);
  }

  const expertise = parseExpertise(cell('expertise')!, (message) => bad('expertise', message));

  const capacityDays = parseNumber(cell('capacityDays')!, { required: true, whole: true, min: 0, max: 200, unit: 'days' }, (m) => bad('capacityDays', m));
  const maxTravelKm = parseNumber(cell('maxTravelKm')!, { required: false, whole: false, min: 0, max: 1000, unit: 'km' }, (m) => bad('maxTravelKm', m));

  const expiresText = cell('safeguardingCheckExpiresOn')!;
  const safeguardingCheckExpiresOn = expiresText ? (parseCalendarDate(expiresText) ?? bad('safeguardingCheckExpiresOn', `"${expiresText}" is not a date written YYYY-MM-DD`)) : null;

  const availabilityText = cell('availability');
  const availability = availabilityText === undefined ? undefined : parseAvailability(availabilityText, (m) => bad('availability', m));

  if (problems.length) {
    const emailOk = !problems.some((p) => p.column === 'email');
    const urnOk = !problems.some((p) => p.column === 'homeUrn');
    return { ok: false, problems, identity: { line, email: emailOk ? email : null, homeUrn: urnOk ? homeUrn : null } };
  }
  return {
    ok: true,
    row: {
      line,
      name,
      email,
      emailKey: email.toLowerCase(),
      role: role!,
      homeUrn,
      designations,
      expertise,
      capacityDays: capacityDays!,
      maxTravelKm,
      safeguardingCheckExpiresOn,
      ...(availability ? { availability } : {}),
    },
  };
}

/** `AREA:LEVEL:PHASE+PHASE` entries separated by ";" (phases may be left out). */
function parseExpertise(text: string, bad: (message: string) => void): StaffRow['expertise'] {
  const entries: StaffRow['expertise'] = [];
  const entriesText = listOf(text);
  if (entriesText.length > MAX_EXPERTISE) bad(`has ${entriesText.length} entries; at most ${MAX_EXPERTISE}`);
  for (const entryText of entriesText) {
    const parts = entryText.split(':').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3) {
      bad(`"${entryText}" is not AREA:LEVEL:PHASES (for example MATHS:EXPERT:PRIMARY+SECONDARY)`);
      continue;
    }
    const area = oneOf(EXPERTISE_AREAS, upper(parts[0]!));
    const level = oneOf(EXPERTISE_LEVELS, upper(parts[1]!));
    if (!area) bad(`"${parts[0]}" in "${entryText}" is not an expertise area (the list is in docs/staff-import.md)`);
    if (!level) bad(`"${parts[1]}" in "${entryText}" is not a level; use ${EXPERTISE_LEVELS.join(', ')}`);
    const phases: Phase[] = [];
    for (const phaseText of (parts[2] ?? '').split('+').map((p) => p.trim()).filter(Boolean)) {
      const phase = oneOf(PHASES, upper(phaseText));
      if (!phase) bad(`"${phaseText}" in "${entryText}" is not a phase; use ${PHASES.join(', ')}, joined by "+"`);
      else if (!phases.includes(phase)) phases.push(phase);
    }
    if (!area || !level) continue;
    if (entries.some((e) => e.area === area)) bad(`${area} is listed more than once`);
    else entries.push({ area, level, phases });
  }
  return entries;
}

interface NumberRule {
  required: boolean;
  whole: boolean;
  min: number;
  max: number;
  unit: string;
}

function parseNumber(text: string, rule: NumberRule, bad: (message: string) => void): number | null {
  if (!text) {
    if (rule.required) bad(`is empty: give a number of ${rule.unit} (0 to ${rule.max})`);
    return null;
  }
  const value = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) bad(`"${text}" is not a number`);
  else if (rule.whole && !Number.isInteger(value)) bad(`"${text}" is not a whole number of ${rule.unit}`);
  else if (value < rule.min || value > rule.max) bad(`${text} is outside ${rule.min} to ${rule.max} ${rule.unit}`);
  else return value;
  return null;
}

/** `YYYY-MM-DD..YYYY-MM-DD` stretches separated by ";"; empty means always available. */
function parseAvailability(text: string, bad: (message: string) => void): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  const parts = listOf(text);
  if (parts.length > MAX_WINDOWS) bad(`has ${parts.length} stretches; at most ${MAX_WINDOWS}`);
  for (const part of parts) {
    const [fromText, toText, ...rest] = part.split('..').map((p) => p.trim());
    const from = fromText ? parseCalendarDate(fromText) : null;
    const to = toText ? parseCalendarDate(toText) : null;
    if (rest.length || !from || !to) bad(`"${part}" is not a stretch of dates written YYYY-MM-DD..YYYY-MM-DD`);
    else if (from > to) bad(`"${part}" ends before it starts`);
    else windows.push({ from, to });
  }
  return windows;
}
