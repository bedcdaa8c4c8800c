import { DEFAULT_RANKING_CONFIG } from '../../server/ranking/config';
import { closeNeed, raiseNeed, updateNeed } from '../../server/services/needs';
import { listNeeds } from '../../server/services/read/needs';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { needDescriptionFor } from '../personal-data';
import { NEED_DESCRIPTION_READERS } from '../../server/auth/personal-data';
import { ImprovementNeedConnection } from '../connections';
import { filterId } from '../ids';
import { recordOrId } from '../loaders';
import { keysetConnection } from '../pagination';
import { payloadType } from '../payloads';
import { AcademyRef, type AcademyShape, ImprovementNeedRef, type NeedShape } from '../refs';
import { ExpertiseAreaEnum, NeedSeverityEnum, NeedStatusEnum, PhaseEnum } from './enums';
import { ScoreFactorType } from './score-factor';

/** How priority is built, from the configuration the service uses, so the docs cannot drift from it. */
function priorityDescription(): string {
  const { priorityWeights: w, priority: p } = DEFAULT_RANKING_CONFIG;
  const values = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    'Priority in [0, 1]; the needs list is ordered by it, highest first.',
    'It is the sum of four components, each a value in [0, 1] times a weight (see priorityFactors):',
    `severity (weight ${w.severity}; ${values(p.severityValues)});`,
    `disadvantage (weight ${w.disadvantage}; the academy's fsmPercent / ${p.fsmFullWeightPercent}, capped at 1, an unknown fsmPercent counting as ${p.unknownFsmPercent}), so schools with more disadvantaged pupils come first;`,
    `ofstedRating (weight ${w.ofstedRating}; by the academy's latest inspection: a single-word judgement ${values(p.ofstedValues)}; a report card the mean of its area grades ${values(p.reportCardGradeValues)}, or ${p.categoryOfConcernValue} in a category of concern (safeguarding not met, or urgent improvement in any area); the factor's detail names the inspection used);`,
    `waitingTime (weight ${w.waitingTime}; days waiting / (days waiting + ${p.waitingHalfDays})), which grows but saturates, so no need starves yet a LOW need never overtakes a fresh CRITICAL one.`,
    'Stored as a snapshot: recomputed when the need or its academy changes, and refreshed hourly.',
  ].join(' ');
}

ImprovementNeedRef.implement({
  description:
    'Something an academy needs help to improve: an area of expertise, a phase, how severe, and how many days of support. Needs are met by deployments of staff (or whole academies) from other schools; the status follows them (OPEN, MATCHED, IN_PROGRESS, MET).',
  fields: (t) => ({
    academy: t.field({ type: AcademyRef, description: 'Academy with the need.', resolve: (n) => recordOrId<AcademyShape>('academies', n.academyId) }),
    area: t.expose('area', { type: ExpertiseAreaEnum, description: 'Area of expertise needed.' }),
    phase: t.field({ type: PhaseEnum, description: 'Phase the support is for.', resolve: (n) => n.phase }),
    severity: t.expose('severity', { type: NeedSeverityEnum, description: 'How urgent it is.' }),
    status: t.field({ type: NeedStatusEnum, description: 'Where it stands; follows its deployments.', resolve: (n) => n.status }),
    withdrawnReason: t.string({
      nullable: true,
      description: 'Why the service closed this need without it being met, in words (e.g. its school closed in the register); null otherwise. Its status is then CLOSED.',
      resolve: (n) => n.withdrawnReason ?? null,
    }),
    description: t.string({
      nullable: true,
      description: `What the problem is, in the school’s words; it can name pupils' circumstances. Readable only by ${NEED_DESCRIPTION_READERS}; others get null with a FORBIDDEN (without a token UNAUTHENTICATED) error.`,
      resolve: (n, _args, context) => needDescriptionFor(context, n),
    }),
    daysRequested: t.exposeInt('daysRequested', { description: 'Days of support asked for.' }),
    daysCovered: t.int({ description: 'Days reserved by proposed, agreed, active or completed deployments.', resolve: (n) => n.daysCovered ?? 0 }),
    daysOutstanding: t.int({ description: 'Days still to arrange: daysRequested − daysCovered.', resolve: (n) => Math.max(0, n.daysRequested - (n.daysCovered ?? 0)) }),
    windowStart: t.field({ type: 'Date', nullable: true, description: 'Earliest start of the support.', resolve: (n) => n.windowStart ?? null }),
    windowEnd: t.field({ type: 'Date', nullable: true, description: 'Date by which the support is needed.', resolve: (n) => n.windowEnd ?? null }),
    raisedAt: t.field({ type: 'DateTime', description: 'When the need was raised.', resolve: (n) => n.raisedAt }),
    priority: t.exposeFloat('priority', { description: priorityDescription() }),
    priorityFactors: t.field({
      type: [ScoreFactorType],
      description: 'How the priority is built; the contributions add up to it.',
      resolve: (n) => (n.priorityFactors ?? []).map((f) => ({ ...f, detail: f.detail ?? null })),
    }),
    priorityComputedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the priority was last computed (it is refreshed as waiting time grows).', resolve: (n) => n.priorityComputedAt ?? null }),
  }),
});

const NeedOrder = builder.enumType('NeedOrder', {
  description: 'Orderings of the needs list.',
  values: {
    PRIORITY: { value: 'PRIORITY', description: 'Highest priority first.' },
    RAISED_AT: { value: 'RAISED_AT', description: 'Longest waiting first.' },
    NEWEST: { value: 'NEWEST', description: 'Most recently raised first.' },
  },
});

const NeedFilter = builder.inputType('NeedFilter', {
  description: 'Narrows the list of needs; all given conditions apply.',
  fields: (t) => ({
    academyId: t.id({ description: 'Only needs of this academy.' }),
    trustId: t.id({ description: "Only needs of this trust's academies (the improvement lead's view)." }),
    clusterId: t.id({ description: "Only needs of this hub's academies (the executive head's view)." }),
    statuses: t.field({ type: [NeedStatusEnum], description: 'Only these statuses (default: all).' }),
    area: t.field({ type: ExpertiseAreaEnum, description: 'Only this area.' }),
    phase: t.field({ type: PhaseEnum, description: 'Only this phase.' }),
    severity: t.field({ type: NeedSeverityEnum, description: 'Only this severity.' }),
  }),
});

builder.queryField('needs', (t) =>
  t.connection({
    type: ImprovementNeedRef,
    description: 'Improvement needs, highest priority first unless orderBy says otherwise.',
    args: {
      filter: t.arg({ type: NeedFilter, description: 'Narrows the list.' }),
      orderBy: t.arg({ type: NeedOrder, defaultValue: 'PRIORITY', description: 'Ordering (default PRIORITY).' }),
    },
    resolve: (_root, args, context) => {
      const f = args.filter ?? {};
      const filter = {
        ...f,
        academyId: filterId(f.academyId, 'Academy'),
        trustId: filterId(f.trustId, 'Trust'),
        clusterId: filterId(f.clusterId, 'Cluster'),
      };
      return keysetConnection<NeedShape>(listNeeds(context.viewer, filter, args.orderBy ?? 'PRIORITY'), args);
    },
  }, ImprovementNeedConnection),
);

const RaiseNeedInput = builder.inputType('RaiseNeedInput', {
  description: 'A new improvement need.',
  fields: (t) => ({
    academyId: t.id({ required: true, description: 'Academy with the need.' }),
    area: t.field({ type: ExpertiseAreaEnum, required: true, description: 'Area of expertise needed.' }),
    phase: t.field({ type: PhaseEnum, required: true, description: 'Phase the support is for.' }),
    severity: t.field({ type: NeedSeverityEnum, required: true, description: 'How urgent it is.' }),
    description: t.string({ required: true, description: 'What the problem is (at least 10 characters).' }),
    daysRequested: t.int({ required: true, description: 'Days of support asked for (1-200).' }),
    windowStart: t.field({ type: 'Date', description: 'Earliest start.' }),
    windowEnd: t.field({ type: 'Date', description: 'Needed by.' }),
  }),
});

const NeedPayloadDescription = 'The need as it now stands';
const RaiseNeedPayload = payloadType('RaiseNeedPayload', 'need', ImprovementNeedRef, 'Result of raiseNeed.');

inputMutation('raiseNeed', {
  description: "Records a need. The academy's HEADTEACHER, its hub's EXECUTIVE_HEAD, its trust's IMPROVEMENT_LEAD, or ADMIN.",
  input: RaiseNeedInput,
  inputDescription: 'The need: which academy, area, phase, severity and how many days.',
  payload: RaiseNeedPayload,
  resolve: outcomeOf(raiseNeed, { academyId: 'Academy' }),
});

const UpdateNeedInput = builder.inputType('UpdateNeedInput', {
  description: 'Changes to an open need; omitted fields keep their values.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Need to change.' }),
    severity: t.field({ type: NeedSeverityEnum, description: 'How urgent it now is.' }),
    description: t.string({ description: 'What the problem is.' }),
    daysRequested: t.int({ description: 'Days of support asked for; not below days already arranged.' }),
    windowStart: t.field({ type: 'Date', description: 'Earliest start.' }),
    windowEnd: t.field({ type: 'Date', description: 'Needed by.' }),
  }),
});

const UpdateNeedPayload = payloadType('UpdateNeedPayload', 'need', ImprovementNeedRef, 'Result of updateNeed.');

inputMutation('updateNeed', {
  description: `Updates a need that is not yet met or closed. Same rights as raiseNeed. ${NeedPayloadDescription} is returned.`,
  input: UpdateNeedInput,
  inputDescription: 'The need, and the values to change.',
  payload: UpdateNeedPayload,
  resolve: outcomeOf(updateNeed, { id: 'ImprovementNeed' }),
});

const CloseNeedInput = builder.inputType('CloseNeedInput', {
  description: 'A need to close.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Need to close.' }),
    reason: t.string({ description: 'Why it is closed (kept in its history).' }),
  }),
});

const CloseNeedPayload = payloadType('CloseNeedPayload', 'need', ImprovementNeedRef, 'Result of closeNeed.');

inputMutation('closeNeed', {
  description: 'Closes a need that no longer wants support. Refused while deployments for it are under way.',
  input: CloseNeedInput,
  inputDescription: 'The need to close, and why.',
  payload: CloseNeedPayload,
  resolve: outcomeOf(closeNeed, { id: 'ImprovementNeed' }),
});
