// Starting a new school year for a trust (docs/school-year.md). Nothing has to happen on
// 1 September for the new year's figures to be right: a year not yet opened is each person's
// standing offer less what is already committed in it (domain/year-capacity.ts). Starting
// the year moves every person's open year on, archiving last year's record as it stood (it
// stays readable, and nothing edits it again), so offers edited from then on are the new
// year's, and lists and hub totals (which read the open year) are this year's. Idempotent:
// a person already in the year is left alone; concurrent starts roll each person once.
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { parseSchoolYearLabel, schoolYearOf, type SchoolYear } from '../domain/school-year';
import { UPDATES_PER_COMMAND } from '../db/ferretdb-limits';
import { stores } from '../db/store';
import { Academy } from '../models/academy';
import { SYSTEM_ACTOR } from '../models/common';
import { Deployment } from '../models/deployment';
import type { LeanDoc } from '../models/lean';
import { StaffMember } from '../models/staff-member';
import type { TrustRecord } from '../models/trust';
import { LIVE_DEPLOYMENT_STATUSES } from '../domain/statuses';
import { recordAudit } from './audit';
import { refInput, resolveRef } from './references';
import { rollStaffTo } from './staff-days';
import { rollAcademySupportTo } from './academy-support-days';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

export interface SchoolYearStart {
  schoolYear: SchoolYear;
  trust: LeanDoc<TrustRecord>;
  /** People whose open year moved on now. */
  openedCount: number;
  /** People already in the year (started before, or moved on by a change of their own). */
  alreadyOpenCount: number;
}

const startInput = z.object({ schoolYear: z.string().trim(), trustId: refInput });

const WHO_MAY = "a trust's school year is started by an ADMIN or the trust's improvement lead";

export async function startSchoolYear(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<SchoolYearStart>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError(WHO_MAY);
  const parsed = startInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const year = parseSchoolYearLabel(parsed.data.schoolYear);
  if (!year) return failed(userError('schoolYear', `schoolYear must name a school year as YYYY/YY, for example ${schoolYearOf(now).label}`, 'INVALID_SCHOOL_YEAR'));
  const current = schoolYearOf(now);
  // Only today's year: a later one has not begun (its figures are already right without
  // starting it), and an earlier one is over (its record is kept as it stands).
  if (year.startYear > current.startYear) {
    return failed(userError('schoolYear', `${year.label} begins on ${year.start.toISOString().slice(0, 10)}; the year that can be started now is ${current.label}`, 'NOT_BEGUN'));
  }
  if (year.startYear < current.startYear) {
    return failed(userError('schoolYear', `${year.label} is over; the year that can be started now is ${current.label}`, 'YEAR_OVER'));
  }
  const found = await resolveRef(stores.trusts, parsed.data.trustId);
  if (!found.ok) return failed(found.error);
  const trust = found.doc;
  if (!policy.manageTrustRecords(viewer, trust._id.toString())) throw new ForbiddenError(WHO_MAY);

  const actor = actorOf(viewer);
  const academyIds = (await stores.academies.fresh.find({ trustId: trust._id }, { projection: { _id: 1 } })).map((a) => a._id);
  // People in post (a leaver's record stays as it was left).
  const staff = await stores.staff.fresh.find({ homeAcademyId: { $in: academyIds }, leftAt: null }, { projection: { _id: 1 } });
  let openedCount = 0;
  for (const person of staff) {
    if ((await rollStaffTo(person._id, year, actor)).rolled) openedCount += 1;
  }
  // The trust's schools' whole-school support days move on by the same rules.
  let academiesOpened = 0;
  for (const academyId of academyIds) {
    if ((await rollAcademySupportTo(academyId, year, actor)).rolled) academiesOpened += 1;
  }
  await recordAudit('Trust', trust._id, 'SCHOOL_YEAR_STARTED', actor, {
    schoolYear: { from: null, to: year.label },
    staffOpened: { from: null, to: openedCount },
    academiesOpened: { from: null, to: academiesOpened },
  });
  return ok({ schoolYear: year, trust, openedCount, alreadyOpenCount: staff.length - openedCount });
}

/**
 * The new year starting by itself: every person in post (and every school's whole-school
 * support days) still in an earlier year is moved on
 * to today's (by the system, audited), so lists and hub totals, which read the open year, are
 * this year's from 1 September without anyone having to remember. Run at start-up and with
 * the hourly refresh; startSchoolYear does the same for one trust at once. Returns how many moved.
 */
export async function openSchoolYearEverywhere(now = new Date()): Promise<number> {
  const year = schoolYearOf(now);
  // Reads through the store (with FerretDB, the copies: no whole-collection read at every start).
  const behind = await stores.staff.find({ capacityYear: { $ne: year.label }, leftAt: null });
  let opened = 0;
  for (const person of behind) if ((await rollStaffTo(person._id, year, SYSTEM_ACTOR)).rolled) opened += 1;
  // Schools' whole-school support days, by the same rules (not counted: the count is of people).
  // (A record with no year yet is today's until backfillCapacityYears gives it one.)
  const schoolsBehind = await stores.academies.find({ supportCapacityYear: { $nin: [year.label, null] } });
  for (const academy of schoolsBehind) await rollAcademySupportTo(academy._id, year, SYSTEM_ACTOR);
  return opened;
}

/**
 * Records from before school years existed: their days belong to the year the service is
 * first started in after the change, and their live deployments' days with them. Returns
 * how many staff records were given a year. Runs once at start-up (idempotent).
 */
export async function backfillCapacityYears(now = new Date()): Promise<number> {
  const label = schoolYearOf(now).label;
  // Each update only when the store finds something to change: on FerretDB an update with this
  // filter reads the whole collection even when it changes nothing, at every start.
  const staff = (await stores.staff.count({ capacityYear: null })) ? await StaffMember.updateMany({ capacityYear: null }, { $set: { capacityYear: label } }) : { modifiedCount: 0 };
  if (await stores.academies.count({ supportCapacityYear: null })) await Academy.updateMany({ supportCapacityYear: null }, { $set: { supportCapacityYear: label } });
  const legacy = await stores.deployments.find({ daysByYear: null, status: { $in: [...LIVE_DEPLOYMENT_STATUSES] } });
  const updates = legacy.map((d) => ({ updateOne: { filter: { _id: d._id, daysByYear: null }, update: { $set: { daysByYear: [{ schoolYear: label, days: d.days }] } } as never } }));
  for (let i = 0; i < updates.length; i += UPDATES_PER_COMMAND) await Deployment.bulkWrite(updates.slice(i, i + UPDATES_PER_COMMAND), { ordered: false });
  return staff.modifiedCount;
}
