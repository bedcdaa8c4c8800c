// Enum values exactly as the API contract (shared/API.md) names them. Ordered enums are
// listed weakest-first so their index is their rank.

export const PHASES = [
  'NURSERY',
  'PRIMARY',
  'MIDDLE',
  'SECONDARY',
  'ALL_THROUGH',
  'SIXTEEN_PLUS',
  'SPECIAL',
  'ALTERNATIVE_PROVISION',
] as const;
export type Phase = (typeof PHASES)[number];

// Best first, as inspectors grade; NOT_INSPECTED last.
export const OFSTED_RATINGS = [
  'OUTSTANDING',
  'GOOD',
  'REQUIRES_IMPROVEMENT',
  'INADEQUATE',
  'NOT_INSPECTED',
] as const;
export type OfstedRating = (typeof OFSTED_RATINGS)[number];

export const STAFF_ROLES = [
  'TEACHER',
  'MIDDLE_LEADER',
  'SENIOR_LEADER',
  'HEADTEACHER',
  'EXECUTIVE_HEADTEACHER',
  'SUPPORT_STAFF',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** National/Local Leaders of Education, Specialist Leaders of Education, National Leaders of Governance. */
export const DESIGNATIONS = ['NLE', 'LLE', 'SLE', 'NLG'] as const;
export type Designation = (typeof DESIGNATIONS)[number];

/** Ordered: index 0 is the weakest. */
export const EXPERTISE_LEVELS = ['DEVELOPING', 'SECURE', 'EXPERT', 'SYSTEM_LEADER'] as const;
export type ExpertiseLevel = (typeof EXPERTISE_LEVELS)[number];

/** Ordered: index 0 is the least severe. */
export const NEED_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type NeedSeverity = (typeof NEED_SEVERITIES)[number];

export const NEED_STATUSES = ['OPEN', 'MATCHED', 'IN_PROGRESS', 'MET', 'CLOSED'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const DEPLOYMENT_STATUSES = [
  'PROPOSED',
  'AGREED',
  'ACTIVE',
  'COMPLETED',
  'DECLINED',
  'CANCELLED',
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const CANDIDATE_KINDS = ['STAFF', 'ACADEMY'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/**
 * Hard-constraint reasons, in the order the contract fixes: a candidate failing several is
 * counted once, under the first of these it fails.
 */
export const EXCLUSION_REASONS = [
  'NO_MATCHING_EXPERTISE',
  'NO_CAPACITY',
  'SAME_SCHOOL',
  'OUT_OF_TRAVEL_RANGE',
  'HOME_SCHOOL_INADEQUATE',
  'SAFEGUARDING_EXPIRED',
  'ALREADY_SUPPORTING',
  // Added after the first contract: at the end, so existing clients keep their order.
  'NOT_AVAILABLE_IN_WINDOW',
  // The supporter's home school has closed (the register, GIAS, says so): nobody to lend.
  'HOME_SCHOOL_CLOSED',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Whether a school is open, as the register (GIAS) last said; a closed school is kept for its history. */
export const ACADEMY_STATUSES = ['OPEN', 'CLOSED'] as const;
export type AcademyStatus = (typeof ACADEMY_STATUSES)[number];

export const ROLES = ['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function rankOf<T extends string>(ordered: readonly T[], value: T): number {
  return ordered.indexOf(value);
}
