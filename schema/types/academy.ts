import { upsertAcademy } from '../../server/services/academies';
import { InvalidInputError } from '../../server/domain/errors';
import { parseSchoolYearLabel, schoolYearOf } from '../../server/domain/school-year';
import type { YearCapacity } from '../../server/domain/year-capacity';
import { academySupportIn } from '../../server/services/academy-support-days';
import { academyByUrn, listAcademies, liveNeedsOfAcademies, staffOfAcademies } from '../../server/services/read/academies';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { AcademyConnection } from '../connections';
import { filterId } from '../ids';
import { recordOrId } from '../loaders';
import { keysetConnection } from '../pagination';
import { payloadType } from '../payloads';
import { AcademyRef, type AcademyShape, ClusterRef, type ClusterShape, ImprovementNeedRef, StaffMemberRef, TrustRef, type TrustShape } from '../refs';
import { AcademyStatusEnum, OfstedRatingEnum, PhaseEnum } from './enums';
import { judgementOf, LatestInspectionType, latestInspectionOf, OfstedJudgementType, OfstedReportCardType, reportCardOf } from './inspection';

const AcademySupportCapacityType = builder.objectRef<YearCapacity>('AcademySupportCapacity').implement({
  description: "A school's whole-school support days in one school year (1 September to 31 August).",
  fields: (t) => ({
    schoolYear: t.exposeString('schoolYear', { description: 'The school year these figures are about, as YYYY/YY ("2026/27").' }),
    daysOffered: t.exposeInt('offered', { description: 'Days the school offered to other schools in the year.' }),
    daysCommitted: t.exposeInt('committed', { description: 'Days of the year reserved by deployments (a deployment across 31 August takes from each year the days falling in it).' }),
    daysLeft: t.exposeInt('left', { description: 'Days of the year still free.' }),
  }),
});

AcademyRef.implement({
  description: 'A school (academy or standalone school) identified by its URN in the DfE register.',
  fields: (t) => ({
    urn: t.exposeString('urn', { description: 'Unique Reference Number from GIAS (Get Information about Schools).' }),
    name: t.exposeString('name', { description: 'Name of the school.' }),
    phase: t.field({ type: PhaseEnum, description: 'Phase of education.', resolve: (a) => a.phase }),
    ofstedRating: t.expose('ofstedRating', {
      type: OfstedRatingEnum,
      description:
        'Deprecated (kept for existing clients): the latest single-word Ofsted judgement (overall effectiveness), NOT_INSPECTED when there is none. Since November 2025 Ofsted publishes report cards instead, so this may be older than the inspection the service goes by: use latestInspection (or ofstedJudgement and ofstedReportCard). Not marked @deprecated yet, so that operations written against it keep passing strict schema linting while clients move.',
    }),
    ofstedJudgement: t.field({ type: OfstedJudgementType, nullable: true, description: 'The last single-word Ofsted judgement with its date; null when the school has none.', resolve: (a) => judgementOf(a) }),
    ofstedReportCard: t.field({ type: OfstedReportCardType, nullable: true, description: 'The last Ofsted report card (from November 2025); null when the school has none.', resolve: (a) => reportCardOf(a) }),
    latestInspection: t.field({
      type: LatestInspectionType,
      description: 'The more recent of the last judgement and the last report card: what need priority and the home-school rule go by.',
      resolve: (a) => latestInspectionOf(a),
    }),
    status: t.field({ type: AcademyStatusEnum, description: 'OPEN, or CLOSED once the register (GIAS) lists it as closed.', resolve: (a) => a.status ?? 'OPEN' }),
    closedOn: t.field({ type: 'Date', nullable: true, description: "The register's close date; null while open or when the register gives none.", resolve: (a) => a.closedOn ?? null }),
    fsmPercent: t.float({
      nullable: true,
      description:
        'Percentage of pupils eligible for free school meals (GIAS "PercentageFSM"): the disadvantage measure. Higher values pull needs up the priority order. Null when unknown.',
      resolve: (a) => a.fsmPercent ?? null,
    }),
    pupils: t.int({ nullable: true, description: 'Pupils on roll, when known.', resolve: (a) => a.pupils ?? null }),
    postcode: t.string({ nullable: true, description: 'Postcode.', resolve: (a) => a.postcode ?? null }),
    latitude: t.float({ nullable: true, description: 'Latitude (WGS84).', resolve: (a) => a.latitude ?? null }),
    longitude: t.float({ nullable: true, description: 'Longitude (WGS84).', resolve: (a) => a.longitude ?? null }),
    trust: t.field({ type: TrustRef, nullable: true, description: 'Trust the academy belongs to; null for a standalone school.', resolve: (a) => (a.trustId ? recordOrId<TrustShape>('trusts', a.trustId) : null) }),
    cluster: t.field({ type: ClusterRef, nullable: true, description: 'Hub (cluster) the academy belongs to, if any: the 3-4 nearby schools of its trust that support each other first.', resolve: (a) => (a.clusterId ? recordOrId<ClusterShape>('clusters', a.clusterId) : null) }),
    isHubLead: t.boolean({
      description: 'Whether this academy leads its hub.',
      resolve: async (a, _args, context) => {
        if (!a.clusterId) return false;
        const cluster = await ClusterRef.getDataloader(context).load(a.clusterId.toString());
        return cluster.leadAcademyId.toString() === a._id.toString();
      },
    }),
    supportCapacityDays: t.int({
      description: 'Days the school as a whole offers to support other schools this school year (1 September to 31 August): supportCapacity(schoolYear) for today\'s year.',
      resolve: (a) => academySupportIn(a).offered,
    }),
    supportRemainingDays: t.int({ description: 'Of those, days not yet reserved by deployments (this school year).', resolve: (a) => academySupportIn(a).left }),
    supportCapacity: t.field({
      type: AcademySupportCapacityType,
      description:
        "The school's whole-school support days in one school year: offered, reserved and left. A year not yet started is its standing offer (supportCapacityDays) less days already reserved in it; a past year is its record as it was left.",
      args: { schoolYear: t.arg.string({ description: 'The school year as YYYY/YY ("2026/27"); default: the current one (1 September to 31 August).' }) },
      resolve: (a, args) => {
        const year = args.schoolYear == null ? schoolYearOf(new Date()) : parseSchoolYearLabel(args.schoolYear);
        if (!year) throw new InvalidInputError(`Argument "schoolYear" must be a school year as YYYY/YY, for example ${schoolYearOf(new Date()).label} (got "${args.schoolYear}")`, 'schoolYear');
        return academySupportIn(a, year);
      },
    }),
    staffMembers: t.loadableList({
      type: StaffMemberRef,
      description: 'Staff whose home school this is, by name. Requires a token.',
      authScopes: { authenticated: true },
      load: (academyIds: readonly string[]) => staffOfAcademies(academyIds),
      resolve: (a) => a._id.toString(),
    }),
    openNeeds: t.loadableList({
      type: ImprovementNeedRef,
      description: 'Needs at this school still wanting or receiving support, highest priority first.',
      load: (academyIds: readonly string[]) => liveNeedsOfAcademies(academyIds),
      resolve: (a) => a._id.toString(),
    }),
  }),
});

builder.queryField('academyByUrn', (t) =>
  t.field({
    type: AcademyRef,
    nullable: true,
    description: 'The academy with this URN, or null.',
    args: { urn: t.arg.string({ required: true, description: 'Unique Reference Number.' }) },
    resolve: (_root, { urn }) => academyByUrn(String(urn)),
  }),
);

const AcademyFilter = builder.inputType('AcademyFilter', {
  description: 'Narrows the list of academies; all given conditions apply.',
  fields: (t) => ({
    trustId: t.id({ description: 'Only academies of this trust.' }),
    clusterId: t.id({ description: 'Only academies of this hub.' }),
    standalone: t.boolean({ description: 'true: only schools outside any trust; false: only trust academies.' }),
    phase: t.field({ type: PhaseEnum, description: 'Only this phase.' }),
    ofstedRating: t.field({ type: OfstedRatingEnum, description: 'Only this rating.' }),
    nameContains: t.string({ description: 'Case-insensitive part of the name.' }),
    minFsmPercent: t.float({ description: 'Only academies with at least this FSM percentage.' }),
  }),
});

builder.queryField('academies', (t) =>
  t.connection({
    type: AcademyRef,
    description: 'Academies and standalone schools, by name.',
    args: { filter: t.arg({ type: AcademyFilter, description: 'Narrows the list.' }) },
    resolve: (_root, args, context) => {
      const f = args.filter ?? {};
      const filter = { ...f, trustId: filterId(f.trustId, 'Trust'), clusterId: filterId(f.clusterId, 'Cluster') };
      return keysetConnection<AcademyShape>(listAcademies(context.viewer, filter), args);
    },
  }, AcademyConnection),
);

const UpsertAcademyInput = builder.inputType('UpsertAcademyInput', {
  description: 'An academy, recorded or updated by URN. On update, omitted fields keep their values and null clears a value.',
  fields: (t) => ({
    urn: t.string({ required: true, description: 'Unique Reference Number (5 to 7 digits).' }),
    name: t.string({ description: 'Name (required for a new academy).' }),
    phase: t.field({ type: PhaseEnum, description: 'Phase (required for a new academy).' }),
    ofstedRating: t.field({ type: OfstedRatingEnum, description: 'Last Ofsted judgement (NOT_INSPECTED when absent).' }),
    fsmPercent: t.float({ description: 'Percentage of pupils eligible for free school meals (0-100).' }),
    pupils: t.int({ description: 'Pupils on roll.' }),
    postcode: t.string({ description: 'UK postcode.' }),
    latitude: t.float({ description: 'Latitude; give with longitude.' }),
    longitude: t.float({ description: 'Longitude; give with latitude.' }),
    trustId: t.id({ description: 'Trust the academy belongs to; null for a standalone school.' }),
  }),
});

const UpsertAcademyPayload = payloadType('UpsertAcademyPayload', 'academy', AcademyRef, 'Result of upsertAcademy.');

inputMutation('upsertAcademy', {
  description: "Records or updates an academy by URN. ADMIN, or an IMPROVEMENT_LEAD for their own trust's academies.",
  input: UpsertAcademyInput,
  inputDescription: 'The academy, identified by its URN, and the values to record.',
  payload: UpsertAcademyPayload,
  resolve: outcomeOf(upsertAcademy, { trustId: 'Trust' }),
});

