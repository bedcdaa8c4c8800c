import { listStaff } from '../../server/services/read/staff';
import { InvalidInputError } from '../../server/domain/errors';
import { parseSchoolYearLabel, schoolYearOf } from '../../server/domain/school-year';
import type { YearCapacity } from '../../server/domain/year-capacity';
import { staffCapacityIn } from '../../server/services/staff-days';
import { createStaffMember, updateStaffMember } from '../../server/services/staff';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { StaffMemberConnection } from '../connections';
import { filterId } from '../ids';
import { recordOrId } from '../loaders';
import { keysetConnection } from '../pagination';
import { payloadType } from '../payloads';
import { AcademyRef, type AcademyShape, StaffMemberRef, type StaffShape } from '../refs';
import { viewerOf } from '../viewer';
import { mayReadPersonalDataOf, personalField } from '../personal-data';
import { CAPACITY_FILTER_RULE, PERSONAL_DATA_READERS } from '../../server/auth/personal-data';

const PERSONAL = `Personal data: null with a FORBIDDEN error unless the caller is ${PERSONAL_DATA_READERS}.`;
import { DesignationEnum, ExpertiseAreaEnum, ExpertiseLevelEnum, PhaseEnum, StaffRoleEnum } from './enums';

type ExpertiseShape = StaffShape['expertise'][number];

const ExpertiseEntryType = builder.objectRef<ExpertiseShape>('ExpertiseEntry').implement({
  description: 'One area a person can help with, how strongly, in which phases, and the evidence for it.',
  fields: (t) => ({
    area: t.field({ type: ExpertiseAreaEnum, description: 'Area of expertise.', resolve: (e) => e.area }),
    level: t.field({ type: ExpertiseLevelEnum, description: 'Level of expertise.', resolve: (e) => e.level }),
    phases: t.field({ type: [PhaseEnum], description: 'Phases they have worked in for this area.', resolve: (e) => e.phases ?? [] }),
    evidence: t.string({ nullable: true, description: 'Evidence of impact ("know the impact of their work and can name it").', resolve: (e) => e.evidence ?? null }),
  }),
});

const AvailabilityWindowType = builder.objectRef<{ from: Date; to: Date }>('AvailabilityWindow').implement({
  description: 'A stretch of days (both ends included) a person is free to support other schools.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'First day free.', resolve: (w) => w.from }),
    to: t.field({ type: 'Date', description: 'Last day free.', resolve: (w) => w.to }),
  }),
});

const StaffCapacityType = builder.objectRef<YearCapacity>('StaffCapacity').implement({
  description: "A person's days in one school year (1 September to 31 August).",
  fields: (t) => ({
    schoolYear: t.exposeString('schoolYear', { description: 'The school year these figures are about, as YYYY/YY ("2026/27").' }),
    daysOffered: t.exposeInt('offered', { description: 'Days offered to other schools in the year.' }),
    daysCommitted: t.exposeInt('committed', { description: 'Days of the year reserved by deployments (a deployment across 31 August takes from each year the days falling in it).' }),
    daysLeft: t.exposeInt('left', { description: 'Days of the year still free.' }),
  }),
});

StaffMemberRef.implement({
  description: `A member of staff who offers expertise to other schools. Readable only with a token. Name, role, school, designations, expertise and travel range are readable by every signed-in caller (matching needs them); the fields marked personal data only by ${PERSONAL_DATA_READERS}.`,
  authScopes: { authenticated: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    personalDataReadable: t.boolean({
      description: `Whether the caller may read this person's personal data (email, safeguarding-check date, capacity, deployment history): ${PERSONAL_DATA_READERS}. Ask before selecting those fields, which otherwise answer null with a FORBIDDEN error.`,
      resolve: (s, _args, context) => mayReadPersonalDataOf(context, s),
    }),
    email: t.string({ nullable: true, description: `Work email address (unique, compared without regard to case). ${PERSONAL}`, resolve: personalField((s) => s.email) }),
    role: t.field({ type: StaffRoleEnum, description: 'Post in their home school.', resolve: (s) => s.role }),
    homeAcademy: t.field({ type: AcademyRef, description: 'The school they work at.', resolve: (s) => recordOrId<AcademyShape>('academies', s.homeAcademyId) }),
    designations: t.field({ type: [DesignationEnum], description: 'System-leader designations held.', resolve: (s) => s.designations ?? [] }),
    expertise: t.field({ type: [ExpertiseEntryType], description: 'Areas of expertise.', resolve: (s) => s.expertise ?? [] }),
    capacityDays: t.int({
      nullable: true,
      description: `Days this school year (1 September to 31 August) they can give to other schools: capacity(schoolYear) for today's year. ${PERSONAL}`,
      resolve: personalField((s) => staffCapacityIn(s).offered),
    }),
    remainingDays: t.int({ nullable: true, description: `Of those, days not yet reserved by deployments (this school year). ${PERSONAL}`, resolve: personalField((s) => staffCapacityIn(s).left) }),
    daysCommitted: t.int({
      nullable: true,
      description: `Days of this school year reserved by proposed, agreed, active or completed deployments. ${PERSONAL}`,
      resolve: personalField((s) => staffCapacityIn(s).committed),
    }),
    capacity: t.field({
      type: StaffCapacityType,
      nullable: true,
      description: `Their days in one school year: offered, committed and left. A year not yet started is their standing offer (capacityDays) less days already committed in it; a past year is its record as it was left. ${PERSONAL}`,
      args: { schoolYear: t.arg.string({ description: 'The school year as YYYY/YY ("2026/27"); default: the current one (1 September to 31 August).' }) },
      resolve: async (s, args, context, info) => {
        const year = args.schoolYear == null ? schoolYearOf(new Date()) : parseSchoolYearLabel(args.schoolYear);
        if (!year) throw new InvalidInputError(`Argument "schoolYear" must be a school year as YYYY/YY, for example ${schoolYearOf(new Date()).label} (got "${args.schoolYear}")`, 'schoolYear');
        return personalField((staff) => staffCapacityIn(staff, year))(s, args, context, info);
      },
    }),
    maxTravelKm: t.float({ nullable: true, description: 'Farthest they will travel, in km (great-circle); null for no stated limit.', resolve: (s) => s.maxTravelKm ?? null }),
    safeguardingCheckExpiresOn: t.field({
      type: 'Date',
      nullable: true,
      description: `When their safeguarding check expires; null when the home school's own record is relied on. ${PERSONAL}`,
      resolve: personalField((s) => s.safeguardingCheckExpiresOn ?? null),
    }),
    availability: t.field({
      type: [AvailabilityWindowType],
      nullable: true,
      description: `When they are free to support; empty means always. A need whose window meets none of these excludes them as NOT_AVAILABLE_IN_WINDOW. ${PERSONAL}`,
      resolve: personalField((s) => s.availability ?? []),
    }),
    leftAt: t.field({ type: 'DateTime', nullable: true, description: 'When they were marked as having left (markStaffLeft); a leaver is never ranked or planned again.', resolve: (s) => s.leftAt ?? null }),
    hasLeft: t.boolean({ description: 'Whether they have been marked as having left.', resolve: (s) => Boolean(s.leftAt) }),
    missingFromImportSince: t.field({
      type: 'DateTime',
      nullable: true,
      description: "Set when a full-trust staff import did not list them: check whether they have left. Cleared when an import lists them again.",
      resolve: (s) => s.missingFromImportSince ?? null,
    }),
  }),
});

const StaffMemberFilter = builder.inputType('StaffMemberFilter', {
  description: 'Narrows the list of staff; all given conditions apply.',
  fields: (t) => ({
    homeAcademyId: t.id({ description: 'Only staff of this academy.' }),
    trustId: t.id({ description: 'Only staff of academies of this trust.' }),
    clusterId: t.id({ description: 'Only staff of academies of this hub.' }),
    area: t.field({ type: ExpertiseAreaEnum, description: 'Only staff with expertise in this area.' }),
    role: t.field({ type: StaffRoleEnum, description: 'Only this role.' }),
    designation: t.field({ type: DesignationEnum, description: 'Only holders of this designation.' }),
    minRemainingDays: t.int({ description: `Only staff with at least this many days free. Capacity is personal data: ${CAPACITY_FILTER_RULE}; ADMIN anywhere. Otherwise FORBIDDEN.` }),
    nameContains: t.string({ description: 'Case-insensitive part of the name.' }),
    hasLeft: t.boolean({ description: 'true: only leavers; false: only people still in post; omitted: both.' }),
    missingFromImport: t.boolean({ description: 'true: only people a full-trust staff import did not list (flagged for checking).' }),
  }),
});

builder.queryField('staffMembers', (t) =>
  t.connection({
    type: StaffMemberRef,
    description: 'Staff offering expertise, by name. Requires a token.',
    authScopes: { authenticated: true },
    args: { filter: t.arg({ type: StaffMemberFilter, description: 'Narrows the list.' }) },
    resolve: (_root, args, context) => {
      const f = args.filter ?? {};
      const filter = {
        ...f,
        homeAcademyId: filterId(f.homeAcademyId, 'Academy'),
        trustId: filterId(f.trustId, 'Trust'),
        clusterId: filterId(f.clusterId, 'Cluster'),
      };
      return keysetConnection<StaffShape>(listStaff(viewerOf(context), filter), args);
    },
  }, StaffMemberConnection),
);

const ExpertiseEntryInput = builder.inputType('ExpertiseEntryInput', {
  description: 'One area of expertise.',
  fields: (t) => ({
    area: t.field({ type: ExpertiseAreaEnum, required: true, description: 'Area.' }),
    level: t.field({ type: ExpertiseLevelEnum, required: true, description: 'Level.' }),
    phases: t.field({ type: [PhaseEnum], description: 'Phases worked in for this area.' }),
    evidence: t.string({ description: 'Evidence of impact.' }),
  }),
});

const AvailabilityWindowInput = builder.inputType('AvailabilityWindowInput', {
  description: 'A stretch of days (both ends included) a person is free to support.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'First day free (YYYY-MM-DD).' }),
    to: t.field({ type: 'Date', required: true, description: 'Last day free (YYYY-MM-DD); not before from, and not before today unless the same stretch is already stored (IN_THE_PAST).' }),
  }),
});

const CreateStaffMemberInput = builder.inputType('CreateStaffMemberInput', {
  description: 'A staff member offering expertise.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name.' }),
    email: t.string({ required: true, description: 'Work email; unique regardless of case.' }),
    role: t.field({ type: StaffRoleEnum, required: true, description: 'Post.' }),
    homeAcademyId: t.id({ required: true, description: 'School they work at.' }),
    designations: t.field({ type: [DesignationEnum], description: 'Designations held.' }),
    capacityDays: t.int({ required: true, description: 'Days this year they can give (0-200).' }),
    maxTravelKm: t.float({ description: 'Farthest they will travel, in km; omit for no limit.' }),
    safeguardingCheckExpiresOn: t.field({ type: 'Date', description: 'Expiry of their safeguarding check; omit to rely on the home school record.' }),
    expertise: t.field({ type: [ExpertiseEntryInput], description: 'Areas of expertise (each area once).' }),
    availability: t.field({ type: [AvailabilityWindowInput], description: 'When they are free to support; omit or leave empty for always.' }),
  }),
});

const CreateStaffMemberPayload = payloadType('CreateStaffMemberPayload', 'staffMember', StaffMemberRef, 'Result of createStaffMember.');

inputMutation('createStaffMember', {
  description: "Adds a staff member. ADMIN; IMPROVEMENT_LEAD within their trust; HEADTEACHER for their own academy.",
  input: CreateStaffMemberInput,
  inputDescription: 'The person: profile, expertise and availability.',
  payload: CreateStaffMemberPayload,
  resolve: outcomeOf(createStaffMember, { homeAcademyId: 'Academy' }),
});

const UpdateStaffMemberInput = builder.inputType('UpdateStaffMemberInput', {
  description: 'Changes to a staff member; omitted fields keep their values. `expertise` replaces the whole list.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Staff member to change.' }),
    name: t.string({ description: 'Full name.' }),
    email: t.string({ description: 'Work email.' }),
    role: t.field({ type: StaffRoleEnum, description: 'Post (not changeable by the person themselves).' }),
    homeAcademyId: t.id({ description: 'School they now work at.' }),
    designations: t.field({ type: [DesignationEnum], description: 'Designations (not changeable by the person themselves).' }),
    expertise: t.field({ type: [ExpertiseEntryInput], description: 'The full list of expertise areas.' }),
    capacityDays: t.int({ description: 'Days this year they can give; cannot go below days already committed.' }),
    maxTravelKm: t.float({ description: 'Farthest they will travel, in km; null for no limit.' }),
    safeguardingCheckExpiresOn: t.field({ type: 'Date', description: 'Expiry of their safeguarding check; null to rely on the home school record.' }),
    availability: t.field({ type: [AvailabilityWindowInput], description: 'When they are free to support (replaces the list); empty for always.' }),
  }),
});

const UpdateStaffMemberPayload = payloadType('UpdateStaffMemberPayload', 'staffMember', StaffMemberRef, 'Result of updateStaffMember.');

inputMutation('updateStaffMember', {
  description: 'Keeps a profile, its expertise and availability current. A TEACHER may change only their own profile.',
  input: UpdateStaffMemberInput,
  inputDescription: 'The person, and the values to change.',
  payload: UpdateStaffMemberPayload,
  resolve: outcomeOf(updateStaffMember, { id: 'StaffMember', homeAcademyId: 'Academy' }),
});
