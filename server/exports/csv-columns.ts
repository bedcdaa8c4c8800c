// The columns of each CSV export, in order: the header row and docs/exports.md name these.
// IDs are the API's global IDs, dates YYYY-MM-DD, instants ISO 8601 UTC. Free text a person
// wrote about a school or a colleague (a need's description, impact evidence) is left out:
// those fields have their own readers in the API (docs/security.md) and a file travels.
import type { AllocationAssignment } from '../allocation';
import { encodeGlobalId } from '../auth/global-id';
import type { AcademyDoc, DeploymentDoc, NeedDoc } from '../db/store';
import type { PairExplanation } from '../services/allocation';
import type { CsvValue } from './csv';

export interface CsvColumn<T> {
  name: string;
  value: (row: T) => CsvValue;
}

/** A record with its school (the receiving school of a deployment, the school of a need). */
export interface WithAcademy<T> {
  row: T;
  academy: AcademyDoc | null;
}

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
const instant = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const gid = (typename: string, id: unknown) => (id == null ? null : encodeGlobalId(typename, String(id)));

type D = WithAcademy<DeploymentDoc>;
export const DEPLOYMENT_COLUMNS: readonly CsvColumn<D>[] = [
  { name: 'id', value: (d) => gid('Deployment', d.row._id) },
  { name: 'status', value: (d) => d.row.status },
  { name: 'days', value: (d) => d.row.days },
  { name: 'needId', value: (d) => gid('ImprovementNeed', d.row.needId) },
  { name: 'staffId', value: (d) => gid('StaffMember', d.row.staffId) },
  { name: 'supportingAcademyId', value: (d) => gid('Academy', d.row.supportingAcademyId) },
  { name: 'receivingAcademyId', value: (d) => gid('Academy', d.row.receivingAcademyId) },
  { name: 'receivingAcademyName', value: (d) => d.academy?.name ?? null },
  { name: 'receivingAcademyUrn', value: (d) => d.academy?.urn ?? null },
  { name: 'area', value: (d) => d.row.area },
  { name: 'startDate', value: (d) => day(d.row.startDate) },
  { name: 'endDate', value: (d) => day(d.row.endDate) },
  { name: 'statusSince', value: (d) => instant(d.row.statusSince ?? (d.row as { createdAt?: Date }).createdAt) },
  { name: 'proposedAt', value: (d) => instant((d.row as { createdAt?: Date }).createdAt) },
  { name: 'impactRating', value: (d) => d.row.impactRating ?? null },
];

type N = WithAcademy<NeedDoc>;
export const NEED_COLUMNS: readonly CsvColumn<N>[] = [
  { name: 'id', value: (n) => gid('ImprovementNeed', n.row._id) },
  { name: 'status', value: (n) => n.row.status },
  { name: 'academyId', value: (n) => gid('Academy', n.row.academyId) },
  { name: 'academyName', value: (n) => n.academy?.name ?? null },
  { name: 'academyUrn', value: (n) => n.academy?.urn ?? null },
  { name: 'fsmPercent', value: (n) => n.academy?.fsmPercent ?? null },
  { name: 'area', value: (n) => n.row.area },
  { name: 'phase', value: (n) => n.row.phase },
  { name: 'severity', value: (n) => n.row.severity },
  { name: 'daysRequested', value: (n) => n.row.daysRequested },
  { name: 'daysCovered', value: (n) => n.row.daysCovered },
  { name: 'priority', value: (n) => n.row.priority },
  { name: 'raisedAt', value: (n) => instant(n.row.raisedAt) },
  { name: 'windowStart', value: (n) => day((n.row as { windowStart?: Date | null }).windowStart) },
  { name: 'windowEnd', value: (n) => day((n.row as { windowEnd?: Date | null }).windowEnd) },
];

export interface PlanRow {
  assignment: AllocationAssignment<PairExplanation>;
  need: NeedDoc | null;
}
export const PLAN_COLUMNS: readonly CsvColumn<PlanRow>[] = [
  { name: 'needId', value: (r) => gid('ImprovementNeed', r.assignment.needId) },
  { name: 'staffId', value: (r) => gid('StaffMember', r.assignment.supporterId) },
  { name: 'days', value: (r) => r.assignment.days },
  { name: 'academyId', value: (r) => gid('Academy', r.need?.academyId) },
  { name: 'area', value: (r) => r.need?.area ?? null },
  { name: 'fit', value: (r) => round(r.assignment.fit) },
  { name: 'priority', value: (r) => round(r.assignment.priority) },
  { name: 'distanceKm', value: (r) => (r.assignment.explanation?.distanceKm == null ? null : Math.round(r.assignment.explanation.distanceKm * 10) / 10) },
];

const round = (n: number) => Math.round(n * 10000) / 10000;
