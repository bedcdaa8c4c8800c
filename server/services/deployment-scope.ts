// Which deployments a caller may list, and the filters of the deployments list, as MongoDB
// filters. A deployment concerns two schools: the one receiving support, and the supporter's
// (the supporting academy, or the staff member's home school). "At a school" means either.
import type { Viewer } from '../auth/viewer';
import type { DeploymentStatus } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import { isRecordId } from '../domain/ids';
import { InvalidInputError } from '../domain/errors';
import { parseSchoolYearLabel } from '../domain/school-year';
import { type Store, stores } from '../db/store';

type Filter = Record<string, unknown>;
export const MATCH_NONE: Filter = { _id: { $in: [] } };

/** IDs of the documents whose `field` is one of `values`. */
function idsWhereIn(store: Store<{ _id: unknown }>, field: string, values: unknown[]): Promise<unknown[]> {
  return store.idsWhere(field, values);
}

/** Academies of a trust or hub. */
export const academiesWhere = (field: 'trustId' | 'clusterId', id: string) => idsWhereIn(stores.academies, field, [id]);

/** Deployments whose supporter comes from one of these schools (a school as a whole, or its staff). */
export async function supportedFrom(academyIds: unknown[]): Promise<Filter> {
  const staff = await idsWhereIn(stores.staff, 'homeAcademyId', academyIds);
  return { $or: [{ supportingAcademyId: { $in: academyIds } }, { staffId: { $in: staff } }] };
}

/** Deployments received by, or supported from, one of these schools. */
export async function atEitherSide(academyIds: unknown[]): Promise<Filter> {
  const from = (await supportedFrom(academyIds)) as { $or: Filter[] };
  return { $or: [{ receivingAcademyId: { $in: academyIds } }, ...from.$or] };
}

/**
 * What the caller may list: ADMIN everything; an improvement lead their trust's schools'
 * deployments, an executive head their hub's, a headteacher their school's (either side:
 * support received, and their own staff's or school's support given); a teacher their own.
 * This is the personal-data rule of API.md ("deployment history is readable by the person,
 * their headteacher, their hub's executive head, their trust's improvement lead and ADMIN").
 */
export function visibleTo(viewer: Viewer): Promise<Filter | null> {
  // Once per request (the viewer object is the request's): nested lists reuse it.
  let visible = visibility.get(viewer);
  if (!visible) visibility.set(viewer, (visible = computeVisibility(viewer)));
  return visible;
}

const visibility = new WeakMap<Viewer, Promise<Filter | null>>();

async function computeVisibility(viewer: Viewer): Promise<Filter | null> {
  switch (viewer.role) {
    case 'ADMIN':
      return null;
    case 'IMPROVEMENT_LEAD':
      return viewer.trustId ? atEitherSide(await academiesWhere('trustId', viewer.trustId)) : MATCH_NONE;
    case 'EXECUTIVE_HEAD':
      return viewer.clusterId ? atEitherSide(await academiesWhere('clusterId', viewer.clusterId)) : MATCH_NONE;
    case 'HEADTEACHER':
      return viewer.academyId ? atEitherSide([viewer.academyId]) : MATCH_NONE;
    case 'TEACHER':
      return viewer.staffId ? { staffId: viewer.staffId } : MATCH_NONE;
  }
}

/** The list's filter, with IDs already decoded (null: not given; an id that names nothing matches nothing). */
export interface DeploymentListFilter {
  trustId?: string | null;
  clusterId?: string | null;
  academyId?: string | null;
  receivingAcademyId?: string | null;
  supporterAcademyId?: string | null;
  staffId?: string | null;
  needId?: string | null;
  status?: readonly DeploymentStatus[] | null;
  area?: ExpertiseArea | null;
  /** "2026/27": only deployments dated in that school year (see deploymentDateClause). */
  schoolYear?: string | null;
  /** Only deployments dated on or after this day (UTC midnight). */
  from?: Date | null;
  /** Only deployments dated on or before this day (inclusive). */
  to?: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A deployment's date, for school years and date ranges, is the day its support starts
 * (startDate) or, while no start date is set, the day it was proposed (createdAt). One date
 * per deployment, so that a deployment belongs to exactly one school year and yearly totals
 * add up. `from` and `to` are inclusive days.
 */
export function deploymentDateClause(from: Date | null, to: Date | null): Filter | null {
  if (!from && !to) return null;
  const range: Record<string, Date> = {};
  if (from) range.$gte = from;
  if (to) range.$lt = new Date(to.getTime() + DAY_MS);
  return { $or: [{ startDate: range }, { startDate: null, createdAt: range }] };
}

/** The school year a filter names, or a clear error naming the field (`argument`). */
export function schoolYearOrThrow(label: string, argument: string) {
  const year = parseSchoolYearLabel(label.trim());
  if (!year) throw new InvalidInputError(`${argument} "${label}" is not a school year: write it as "2026/27" (the two calendar years it spans)`, argument);
  return year;
}

/** Checks the date part of a filter before anything is read: a range ending before it starts is refused. */
export function checkDateFilter(filter: Pick<DeploymentListFilter, 'schoolYear' | 'from' | 'to'>, prefix = 'filter'): void {
  if (filter.schoolYear != null) schoolYearOrThrow(filter.schoolYear, `${prefix}.schoolYear`);
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw new InvalidInputError(`${prefix}.to (${filter.to.toISOString().slice(0, 10)}) is before ${prefix}.from (${filter.from.toISOString().slice(0, 10)})`, `${prefix}.to`);
  }
}

/** The caller's visible deployments narrowed by the filter, as one MongoDB filter. */
export async function deploymentListFilter(viewer: Viewer, filter: DeploymentListFilter): Promise<Filter> {
  checkDateFilter(filter);
  const clauses: Filter[] = [];
  const visible = await visibleTo(viewer);
  if (visible) clauses.push(visible);
  const each = async (value: string | null | undefined, toClause: (id: string) => Promise<Filter> | Filter) => {
    if (value == null) return;
    clauses.push(isRecordId(value) ? await toClause(value) : MATCH_NONE);
  };
  await each(filter.trustId, async (id) => atEitherSide(await academiesWhere('trustId', id)));
  await each(filter.clusterId, async (id) => atEitherSide(await academiesWhere('clusterId', id)));
  await each(filter.academyId, (id) => atEitherSide([id]));
  await each(filter.receivingAcademyId, (id) => ({ receivingAcademyId: id }));
  await each(filter.supporterAcademyId, (id) => supportedFrom([id]));
  await each(filter.staffId, (id) => ({ staffId: id }));
  await each(filter.needId, (id) => ({ needId: id }));
  if (filter.status?.length) clauses.push({ status: { $in: [...filter.status] } });
  if (filter.area) clauses.push({ area: filter.area });
  if (filter.schoolYear != null) {
    const year = schoolYearOrThrow(filter.schoolYear, 'filter.schoolYear');
    clauses.push(deploymentDateClause(year.start, year.end)!);
  }
  const range = deploymentDateClause(filter.from ?? null, filter.to ?? null);
  if (range) clauses.push(range);
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses };
}
