// Who may do what, by role and scope (own trust, own hub, own academy, own profile), per the
// access rules in API.md. Each rule is a pure predicate over the viewer and the facts the
// service has loaded about the target.
import type { Viewer } from './viewer';

/** Where something sits: the academy and the trust and hub it belongs to. */
export interface AcademyScope {
  academyId: string;
  trustId: string | null;
  clusterId: string | null;
}

const isAdmin = (v: Viewer) => v.role === 'ADMIN';
const leadsTrust = (v: Viewer, s: AcademyScope) => v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && v.trustId === s.trustId;
const headsCluster = (v: Viewer, s: AcademyScope) => v.role === 'EXECUTIVE_HEAD' && !!v.clusterId && v.clusterId === s.clusterId;
const headsAcademy = (v: Viewer, s: AcademyScope) => v.role === 'HEADTEACHER' && !!v.academyId && v.academyId === s.academyId;

/**
 * Roles that may ever do a thing, checked before the input is read, so that a role with no
 * such right is refused FORBIDDEN whatever it sends (not told which IDs exist, or how its
 * input is wrong). The scoped rules below then decide for the record in question.
 */
export const roleMay = {
  recordAcademies: (v: Viewer) => v.role === 'ADMIN' || v.role === 'IMPROVEMENT_LEAD',
  organiseHubs: (v: Viewer) => v.role === 'ADMIN' || v.role === 'IMPROVEMENT_LEAD',
  addStaff: (v: Viewer) => v.role === 'ADMIN' || v.role === 'IMPROVEMENT_LEAD' || v.role === 'HEADTEACHER',
  manageNeeds: (v: Viewer) => v.role !== 'TEACHER',
};

export const policy = {
  createTrust: (v: Viewer) => isAdmin(v),
  /** Academy records of a trust: ADMIN, or the trust's improvement lead. */
  manageTrustRecords: (v: Viewer, trustId: string | null) =>
    isAdmin(v) || (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && v.trustId === trustId),
  manageStaffAt: (v: Viewer, home: AcademyScope) => isAdmin(v) || leadsTrust(v, home) || headsAcademy(v, home),
  /**
   * Anyone may change their own profile, expertise and availability (a TEACHER nothing else);
   * MANAGED_STAFF_FIELDS are what the person themselves may not change.
   */
  editStaffProfile: (v: Viewer, staffId: string, home: AcademyScope) =>
    v.staffId === staffId || isAdmin(v) || leadsTrust(v, home) || headsAcademy(v, home),
  raiseNeedAt: (v: Viewer, at: AcademyScope) => isAdmin(v) || leadsTrust(v, at) || headsCluster(v, at) || headsAcademy(v, at),
  arrangeSupportFor: (v: Viewer, at: AcademyScope) => isAdmin(v) || leadsTrust(v, at) || headsCluster(v, at),
  /** Releasing a person (or a school's time) is for their own school's leadership. */
  releaseFrom: (v: Viewer, home: AcademyScope) => isAdmin(v) || headsAcademy(v, home) || leadsTrust(v, home) || headsCluster(v, home),
  acceptAt: (v: Viewer, at: AcademyScope) => isAdmin(v) || headsAcademy(v, at) || leadsTrust(v, at) || headsCluster(v, at),
  /**
   * The supporting staff member themselves may say their support has started and record its
   * completion and impact ("know the impact of their work and can name it"), as well as the
   * arranger.
   */
  /** A headteacher offers their whole school's help (a person offers only themself: viewer.staffId). */
  offerForSchool: (v: Viewer, school: AcademyScope) => headsAcademy(v, school),
  carryOut: (v: Viewer, supporterStaffId: string | null) => !!v.staffId && !!supporterStaffId && v.staffId === supporterStaffId,
};

/**
 * Fields of a staff record only the school's management may change, never the person on
 * their own say-so: their post, designations, school, and the safeguarding check the home
 * school vouches for (a person must not be able to extend their own and so pass the
 * SAFEGUARDING_EXPIRED constraint).
 */
export const MANAGED_STAFF_FIELDS = ['role', 'designations', 'homeAcademyId', 'safeguardingCheckExpiresOn'] as const;

/**
 * The user directory: an ADMIN manages every record; an improvement lead the records of their
 * own trust, for any role but ADMIN (so no one can raise themself above the trust).
 */
export const directoryPolicy = {
  mayManage: (v: Viewer) => v.role === 'ADMIN' || (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId),
  manageRecordOf: (v: Viewer, trustId: string | null, role: string) =>
    v.role === 'ADMIN' || (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && v.trustId === trustId && role !== 'ADMIN'),
};
