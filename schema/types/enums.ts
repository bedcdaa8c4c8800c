import {
  ACADEMY_STATUSES,
  CANDIDATE_KINDS,
  DEPLOYMENT_STATUSES,
  DESIGNATIONS,
  EXCLUSION_REASONS,
  EXPERTISE_LEVELS,
  NEED_SEVERITIES,
  NEED_STATUSES,
  OFSTED_RATINGS,
  PHASES,
  ROLES,
  STAFF_ROLES,
} from '../../server/domain/enums';
import { EXPERTISE_GROUPS, EXPERTISE_TAXONOMY } from '../../server/domain/taxonomy';
import { builder } from '../builder';

type Described<T extends string> = Record<T, string>;

export function enumOf<T extends string>(name: string, description: string, values: readonly T[], docs: Described<T>) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [v, { value: v, description: docs[v] }])) as Record<T, { value: T; description: string }>,
  });
}

export const PhaseEnum = enumOf('Phase', 'Phase of education, as the DfE register (GIAS) records it.', PHASES, {
  NURSERY: 'Nursery school (ages 2-5).',
  PRIMARY: 'Primary school (ages 4-11), including infant and junior schools.',
  MIDDLE: 'Middle school, deemed primary or secondary.',
  SECONDARY: 'Secondary school (ages 11-16 or 11-18).',
  ALL_THROUGH: 'All-through school (primary and secondary).',
  SIXTEEN_PLUS: 'Sixth form or 16 to 19 provision.',
  SPECIAL: 'Special school for pupils with special educational needs.',
  ALTERNATIVE_PROVISION: 'Alternative provision, including pupil referral units.',
});

export const OfstedRatingEnum = enumOf('OfstedRating', 'Overall effectiveness at the last Ofsted inspection.', OFSTED_RATINGS, {
  OUTSTANDING: 'Grade 1: outstanding.',
  GOOD: 'Grade 2: good.',
  REQUIRES_IMPROVEMENT: 'Grade 3: requires improvement.',
  INADEQUATE: 'Grade 4: inadequate (serious weaknesses or special measures).',
  NOT_INSPECTED: 'Not yet inspected as this school.',
});

export const StaffRoleEnum = enumOf('StaffRole', "A staff member's post in their home school.", STAFF_ROLES, {
  TEACHER: 'Classroom teacher.',
  MIDDLE_LEADER: 'Subject or phase leader.',
  SENIOR_LEADER: 'Member of the senior leadership team.',
  HEADTEACHER: 'Headteacher of an academy.',
  EXECUTIVE_HEADTEACHER: 'Executive headteacher leading a hub of academies.',
  SUPPORT_STAFF: 'Support staff (business managers, SENCO assistants, and others).',
});

export const DesignationEnum = enumOf('Designation', 'System-leader designations recognised for school-to-school support.', DESIGNATIONS, {
  NLE: 'National Leader of Education: an outstanding headteacher who supports other schools.',
  LLE: 'Local Leader of Education: a headteacher supporting schools locally.',
  SLE: 'Specialist Leader of Education: an expert middle or senior leader in a specific area.',
  NLG: 'National Leader of Governance: an experienced chair of governors.',
});

export const ExpertiseLevelEnum = enumOf('ExpertiseLevel', 'How strong a person is in an area; ordered, weakest first.', EXPERTISE_LEVELS, {
  DEVELOPING: 'Building expertise; can share practice with support.',
  SECURE: 'Consistently strong practice in their own school.',
  EXPERT: 'Has improved practice in other schools.',
  SYSTEM_LEADER: 'Leads improvement across schools; trains other experts.',
});

export const ExpertiseAreaEnum = builder.enumType('ExpertiseArea', {
  description:
    'Area of expertise or need: the DfE list of Specialist Leader of Education areas, grouped by Ofsted focus, plus transition and remote learning.',
  values: Object.fromEntries(EXPERTISE_TAXONOMY.map((a) => [a.code, { value: a.code, description: `${a.label} (${a.group.toLowerCase().replace(/_/g, ' ')}).` }])),
});

const EXPERTISE_GROUP_DOCS: Described<(typeof EXPERTISE_GROUPS)[number]> = {
  LEADERSHIP_AND_MANAGEMENT: 'Leadership and management: how the school is led, governed, resourced and improved.',
  PUPIL_ACHIEVEMENT: 'Pupil achievement: subjects, phases and groups of pupils, including closing the gap for disadvantaged pupils and SEND.',
  TEACHING: 'Quality of teaching: how teachers are trained and developed.',
  BEHAVIOUR_AND_WELFARE: "Behaviour and welfare: pupils' behaviour, attendance and safety.",
  OTHER: 'Areas outside the DfE SLE list that the support model stresses, such as Year 6 to 7 transition and remote learning.',
};

export const ExpertiseGroupEnum = enumOf(
  'ExpertiseGroup',
  'The Ofsted focus an expertise area belongs to (the grouping of the DfE list of Specialist Leader of Education areas).',
  EXPERTISE_GROUPS,
  EXPERTISE_GROUP_DOCS,
);

export const NeedSeverityEnum = enumOf('NeedSeverity', 'How urgent an improvement need is; ordered, least first.', NEED_SEVERITIES, {
  LOW: 'Worth improving; no risk to pupils this year.',
  MEDIUM: 'Holding outcomes back; should be addressed this year.',
  HIGH: 'Serious weakness that risks a poor inspection outcome.',
  CRITICAL: 'Pupils are being failed now; act at once.',
});

export const NeedStatusEnum = enumOf('NeedStatus', 'Where a need stands; it follows its deployments.', NEED_STATUSES, {
  OPEN: 'Waiting for support, or for more days of it.',
  MATCHED: 'Enough support is proposed or agreed to cover the days requested.',
  IN_PROGRESS: 'Support is under way.',
  MET: 'The support has been completed.',
  CLOSED: 'Closed without (further) support.',
});

export const DeploymentStatusEnum = enumOf('DeploymentStatus', 'Lifecycle of a deployment.', DEPLOYMENT_STATUSES, {
  PROPOSED: 'Proposed; the days are reserved.',
  AGREED: "The supporter's home school released them and the receiving school accepted.",
  ACTIVE: 'The support is under way.',
  COMPLETED: 'Finished, with an impact rating.',
  DECLINED: 'Declined by either school; the days are released.',
  CANCELLED: 'Cancelled by the arranger; the days are released.',
});

export const CandidateKindEnum = enumOf('CandidateKind', 'Who can be ranked to support a need.', CANDIDATE_KINDS, {
  STAFF: 'An individual staff member.',
  ACADEMY: 'A supporting academy as a whole.',
});

export const ExclusionReasonEnum = enumOf(
  'ExclusionReason',
  'Why a candidate was ruled out; a candidate failing several is counted under the first, in this order.',
  EXCLUSION_REASONS,
  {
    NO_MATCHING_EXPERTISE: 'No expertise in the area of the need.',
    NO_CAPACITY: 'Not enough remaining days.',
    SAME_SCHOOL: 'The need is at their own school.',
    OUT_OF_TRAVEL_RANGE: 'Farther away than they can travel.',
    HOME_SCHOOL_INADEQUATE:
      "Their home school is in an Ofsted category of concern by its latest inspection and needs its own people: judged Inadequate, or a report card with safeguarding not met or urgent improvement in any area (Academy.latestInspection says which).",
    SAFEGUARDING_EXPIRED: 'Their safeguarding check has expired.',
    ALREADY_SUPPORTING: 'Already supporting this need.',
    NOT_AVAILABLE_IN_WINDOW: "They state when they are free, and no stretch of it meets the need's window (windowStart to windowEnd). Added last, so earlier clients keep their order.",
    HOME_SCHOOL_CLOSED: 'Their home school has closed (the register, GIAS, lists it as closed). Added last, so earlier clients keep their order.',
  },
);

export const AcademyStatusEnum = enumOf('AcademyStatus', 'Whether a school is open, as the register (GIAS) last said.', ACADEMY_STATUSES, {
  OPEN: 'Open.',
  CLOSED: 'Closed in the register: kept for its history; its staff are not ranked or planned, its open needs were withdrawn.',
});

export const RoleEnum = enumOf('Role', "The role a bearer token carries (its `role` claim), which decides what the caller may do.", ROLES, {
  TEACHER: 'A member of staff: their own profile, availability and deployments.',
  HEADTEACHER: "A school's headteacher: raises its needs, releases its staff and accepts support.",
  EXECUTIVE_HEAD: "A hub's executive head: arranges support within the hub and agrees its staff's release.",
  IMPROVEMENT_LEAD: "A trust's school improvement lead: arranges support across the trust.",
  ADMIN: 'May do everything.',
});
