// What a trust's records say about Steps 6, 8 and 9 of the maturity tool, for one school
// year: counts only, from plain records. Pure (the service loads the records; ./propose.ts
// turns these facts into a proposed stage with its reasons).
//
// "Delivered" support is a deployment that is ACTIVE or COMPLETED: planned or proposed support
// is not yet support. A deployment belongs to the school year of its support date
// (supportDateOf). A supporter's school is the staff member's home academy, or the supporting
// academy when a school supports as a whole.
import type { DeploymentStatus, Designation, NeedStatus, StaffRole } from '../domain/enums';
import { DESIGNATIONS } from '../domain/enums';
import type { SchoolYear } from '../domain/school-year';

export interface AcademyFact {
  id: string;
  trustId: string | null;
}
export interface StaffFact {
  id: string;
  homeAcademyId: string;
  role: StaffRole;
  designations: readonly Designation[];
  /** Marked as left: not counted among the trust's staff. */
  left: boolean;
}
export interface NeedFact {
  id: string;
  academyId: string;
  raisedAt: Date;
  status: NeedStatus;
}
export interface DeploymentFact {
  id: string;
  needId: string;
  receivingAcademyId: string;
  staffId: string | null;
  supportingAcademyId: string | null;
  days: number;
  status: DeploymentStatus;
  /** When the support happened (supportDateOf). */
  supportDate: Date;
  impactRating: number | null;
  impactEvidence: string | null;
}

/** The trust's records and every record they point at (the other side's schools and staff too). */
export interface TrustRecords {
  trustId: string;
  academies: readonly AcademyFact[];
  staff: readonly StaffFact[];
  needs: readonly NeedFact[];
  deployments: readonly DeploymentFact[];
}

export interface Step6Facts {
  /** Needs of the trust's academies raised in the school year. */
  needsRaised: number;
  /** Of those, needs that received delivered support from another of the trust's own schools. */
  needsMetFromOwnSchools: number;
  /** Delivered deployments in the year from one of the trust's schools to another. */
  deliveredDeployments: number;
  /** Of those, completed with the impact named (evidence written). */
  withNamedImpact: number;
  /** Distinct supporters (people or schools as a whole) of those deployments. */
  supporters: number;
}
export interface Step8Facts {
  /** The trust's staff (not leavers). */
  staff: number;
  /** Of those, people who supported another of the trust's schools in the year. */
  staffWhoSupportedAnotherSchool: number;
  /** Days those people gave to other schools of the trust in the year. */
  daysGiven: number;
  /** The trust's senior leaders (senior leaders, headteachers, executive headteachers). */
  seniorLeaders: number;
  /** Of those, leaders who have worked in another of the trust's academies (any year on record). */
  seniorLeadersInMoreThanOneAcademy: number;
  /** Middle leaders and teachers who supported another of the trust's schools in the year. */
  middleLeadersAndTeachersDeployed: number;
}
export interface Step9Facts {
  /** Delivered days the trust's people and schools gave to schools outside it in the year. */
  daysGivenBeyond: number;
  /** Delivered days the trust's schools received from outside it in the year. */
  daysReceivedFromBeyond: number;
  /** Distinct schools outside the trust that received its support in the year. */
  schoolsSupportedBeyond: number;
  /** The trust's designated system leaders (not leavers), by designation. */
  systemLeaders: Record<Designation, number>;
  /** Designated system leaders who supported a school outside the trust in the year. */
  systemLeadersWhoSupportedBeyond: number;
}
export interface MaturityFacts {
  schoolYear: string;
  step6: Step6Facts;
  step8: Step8Facts;
  step9: Step9Facts;
}

const DELIVERED: ReadonlySet<DeploymentStatus> = new Set(['ACTIVE', 'COMPLETED']);
const SENIOR_ROLES: ReadonlySet<StaffRole> = new Set(['SENIOR_LEADER', 'HEADTEACHER', 'EXECUTIVE_HEADTEACHER']);
const CLASSROOM_AND_MIDDLE_ROLES: ReadonlySet<StaffRole> = new Set(['MIDDLE_LEADER', 'TEACHER']);

/**
 * When support happened: its planned start when one was given, else when it became ACTIVE,
 * else when it was proposed. A deployment is counted in the school year (and term) of this day.
 */
export function supportDateOf(d: { startDate?: Date | null; statusHistory?: readonly { status: string; at: Date }[] | null; createdAt?: Date | null }): Date {
  if (d.startDate) return d.startDate;
  const active = d.statusHistory?.find((h) => h.status === 'ACTIVE');
  if (active) return active.at;
  return d.createdAt ?? new Date(0);
}

const within = (date: Date, year: SchoolYear) => date.getTime() >= year.start.getTime() && date.getTime() < year.end.getTime() + 86_400_000;

export function maturityFacts(records: TrustRecords, year: SchoolYear): MaturityFacts {
  const trustOf = new Map(records.academies.map((a) => [a.id, a.trustId]));
  const staffById = new Map(records.staff.map((s) => [s.id, s]));
  const inTrust = (academyId: string | null | undefined) => !!academyId && trustOf.get(academyId) === records.trustId;
  const supporterSchool = (d: DeploymentFact) => (d.staffId ? (staffById.get(d.staffId)?.homeAcademyId ?? null) : d.supportingAcademyId);
  const supporterKey = (d: DeploymentFact) => (d.staffId ? `staff:${d.staffId}` : `academy:${d.supportingAcademyId ?? ''}`);

  const delivered = records.deployments.filter((d) => DELIVERED.has(d.status));
  const deliveredInYear = delivered.filter((d) => within(d.supportDate, year));
  /** From one of the trust's schools to another of them. */
  const acrossTrust = (d: DeploymentFact) => {
    const from = supporterSchool(d);
    return inTrust(from) && inTrust(d.receivingAcademyId) && from !== d.receivingAcademyId;
  };
  const beyond = (d: DeploymentFact) => inTrust(supporterSchool(d)) && !inTrust(d.receivingAcademyId);
  const fromBeyond = (d: DeploymentFact) => inTrust(d.receivingAcademyId) && !inTrust(supporterSchool(d));

  // Step 6
  const needsRaised = records.needs.filter((n) => inTrust(n.academyId) && within(n.raisedAt, year));
  const metNeedIds = new Set(delivered.filter(acrossTrust).map((d) => d.needId));
  const inTrustDelivered = deliveredInYear.filter(acrossTrust);
  const step6: Step6Facts = {
    needsRaised: needsRaised.length,
    needsMetFromOwnSchools: needsRaised.filter((n) => metNeedIds.has(n.id)).length,
    deliveredDeployments: inTrustDelivered.length,
    withNamedImpact: inTrustDelivered.filter((d) => d.status === 'COMPLETED' && !!d.impactEvidence?.trim()).length,
    supporters: new Set(inTrustDelivered.map(supporterKey)).size,
  };

  // Step 8
  const trustStaff = records.staff.filter((s) => !s.left && inTrust(s.homeAcademyId));
  const staffAcrossInYear = inTrustDelivered.filter((d) => d.staffId && staffById.get(d.staffId) && !staffById.get(d.staffId)!.left);
  const supportedInYear = new Set(staffAcrossInYear.map((d) => d.staffId!));
  const everWorkedElsewhere = new Set(delivered.filter((d) => d.staffId && acrossTrust(d)).map((d) => d.staffId!));
  const seniors = trustStaff.filter((s) => SENIOR_ROLES.has(s.role));
  const step8: Step8Facts = {
    staff: trustStaff.length,
    staffWhoSupportedAnotherSchool: trustStaff.filter((s) => supportedInYear.has(s.id)).length,
    daysGiven: staffAcrossInYear.reduce((sum, d) => sum + d.days, 0),
    seniorLeaders: seniors.length,
    seniorLeadersInMoreThanOneAcademy: seniors.filter((s) => everWorkedElsewhere.has(s.id)).length,
    middleLeadersAndTeachersDeployed: trustStaff.filter((s) => CLASSROOM_AND_MIDDLE_ROLES.has(s.role) && supportedInYear.has(s.id)).length,
  };

  // Step 9
  const givenBeyond = deliveredInYear.filter(beyond);
  const systemLeaders = Object.fromEntries(DESIGNATIONS.map((d) => [d, trustStaff.filter((s) => s.designations.includes(d)).length])) as Record<Designation, number>;
  const designatedBeyond = new Set(givenBeyond.filter((d) => d.staffId && (staffById.get(d.staffId)?.designations.length ?? 0) > 0).map((d) => d.staffId!));
  const step9: Step9Facts = {
    daysGivenBeyond: givenBeyond.reduce((sum, d) => sum + d.days, 0),
    daysReceivedFromBeyond: deliveredInYear.filter(fromBeyond).reduce((sum, d) => sum + d.days, 0),
    schoolsSupportedBeyond: new Set(givenBeyond.map((d) => d.receivingAcademyId)).size,
    systemLeaders,
    systemLeadersWhoSupportedBeyond: trustStaff.filter((s) => designatedBeyond.has(s.id)).length,
  };

  return { schoolYear: year.label, step6, step8, step9 };
}
