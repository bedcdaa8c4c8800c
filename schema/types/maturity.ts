// The trust maturity self-assessment (server/services/maturity.ts; docs/maturity.md).
import { decodeIdOfType } from '../../server/auth/global-id';
import { MATURITY_STAGES, MATURITY_STEPS, type MaturityStage, STAGE_LABELS } from '../../server/domain/maturity-tool';
import { NotFoundError } from '../../server/domain/errors';
import type { Criterion, MaturityProposal, ProposalReason } from '../../server/maturity/propose';
import { decisionOf, type MaturityAssessmentDoc, type MaturityStepView, recordMaturityAssessment, type TrustMaturityView, trustMaturity } from '../../server/services/maturity';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { payloadType } from '../payloads';
import { TrustRef } from '../refs';
import { viewerOf } from '../viewer';
import { ActorType } from './deployment';

export const MaturityStageEnum = builder.enumType('MaturityStage', {
  description: 'A stage of the RSC tool "Characteristics of successful MATs" (2015), earliest first.',
  values: {
    BEGINNING: { value: 'BEGINNING', description: 'Beginning: the characteristic is identified but progress is embryonic; the trust focuses on oversight and structures.' },
    DEVELOPING: { value: 'DEVELOPING', description: 'Developing: the trust has started to drive improvement; key improvements are shared across the trust.' },
    EMBEDDING: { value: 'EMBEDDING', description: 'Embedding: the systems the trust wants are in place and making a difference.' },
    LEADING: { value: 'LEADING', description: 'Leading: the trust influences practice beyond its own organisation.' },
  } satisfies Record<MaturityStage, unknown>,
});

export const MaturityStepEnum = builder.enumType('MaturityStep', {
  description: 'A row of the RSC tool: the overall performance self-assessment, or one of its nine steps (characteristics).',
  values: Object.fromEntries(
    MATURITY_STEPS.map((s) => [s, { value: s, description: s === 'OVERALL' ? 'The overall performance self-assessment.' : `Step ${s.slice(5)} of the tool.` }]),
  ) as Record<(typeof MATURITY_STEPS)[number], { value: (typeof MATURITY_STEPS)[number]; description: string }>,
});

const MaturityDecisionEnum = builder.enumType('MaturityDecision', {
  description: "How a recorded stage relates to the service's proposal at the time.",
  values: {
    ACCEPTED: { description: 'The trust recorded the stage the service proposed.' },
    OVERRIDDEN: { description: 'The trust recorded another stage than the one proposed (both are kept).' },
    NO_PROPOSAL: { description: 'The service makes no proposal for this step (it has no data on it).' },
  },
});

const MaturityReasonType = builder.objectRef<ProposalReason>('MaturityReason').implement({
  description: 'One measure behind a proposed stage, computed from the trust\'s records.',
  fields: (t) => ({
    measure: t.exposeString('measure', { description: 'Name of the measure (docs/maturity.md), e.g. needsMetFromOwnSchoolsShare.' }),
    value: t.exposeFloat('value', { description: 'Its value: a share as a fraction of 1, or a count.' }),
    detail: t.exposeString('detail', { description: 'The measure in words, with its counts.' }),
  }),
});

const MaturityCriterionType = builder.objectRef<Criterion>('MaturityCriterion').implement({
  description: 'A condition of a stage above Beginning, and whether the trust\'s records meet it.',
  fields: (t) => ({
    stage: t.field({ type: MaturityStageEnum, description: 'The stage it belongs to.', resolve: (c) => c.stage }),
    requirement: t.exposeString('requirement', { description: 'What must hold, in words.' }),
    met: t.exposeBoolean('met', { description: 'Whether it holds.' }),
  }),
});

const MaturityProposalType = builder.objectRef<MaturityProposal>('MaturityProposal').implement({
  description: "The stage the service proposes for a step from the trust's records of one school year, with its reasons.",
  fields: (t) => ({
    stage: t.field({ type: MaturityStageEnum, description: 'The proposed stage.', resolve: (p) => p.stage }),
    schoolYear: t.exposeString('schoolYear', { description: 'The school year measured ("2026/27").' }),
    reasons: t.field({ type: [MaturityReasonType], description: 'The measures, with their values.', resolve: (p) => p.reasons }),
    criteria: t.field({ type: [MaturityCriterionType], description: 'Every criterion of the stages above Beginning and whether it is met.', resolve: (p) => p.criteria }),
    toReachNextStage: t.stringList({ description: 'What is still missing for the next stage; empty at Leading.', resolve: (p) => p.toReachNextStage }),
  }),
});

const MaturityAssessmentType = builder.objectRef<MaturityAssessmentDoc>('MaturityAssessment').implement({
  description: 'One recorded judgement of one step by a trust: never changed afterwards, so the history shows progress.',
  fields: (t) => ({
    step: t.field({ type: MaturityStepEnum, description: 'The row assessed.', resolve: (a) => a.step }),
    stage: t.field({ type: MaturityStageEnum, description: 'The stage recorded.', resolve: (a) => a.stage }),
    evidence: t.exposeString('evidence', { description: 'The evidence the trust gave.' }),
    proposedStage: t.field({ type: MaturityStageEnum, nullable: true, description: 'The stage the service proposed when this was recorded; null for steps without a proposal.', resolve: (a) => a.proposedStage ?? null }),
    proposalReasons: t.field({ type: [MaturityReasonType], description: 'The reasons of that proposal, as they stood.', resolve: (a) => a.proposalReasons }),
    proposalSchoolYear: t.string({ nullable: true, description: 'The school year the proposal measured.', resolve: (a) => a.proposalSchoolYear ?? null }),
    decision: t.field({ type: MaturityDecisionEnum, description: 'Whether the proposal was accepted or overridden.', resolve: (a) => decisionOf(a) }),
    assessedBy: t.field({ type: ActorType, description: 'Who recorded it.', resolve: (a) => a.assessedBy }),
    assessedAt: t.field({ type: 'DateTime', description: 'When.', resolve: (a) => a.assessedAt }),
  }),
});

const MaturityStageDescriptorType = builder.objectRef<{ stage: MaturityStage; text: string }>('MaturityStageDescriptor').implement({
  description: 'What a stage of a step looks like, in the words of the RSC tool.',
  fields: (t) => ({
    stage: t.field({ type: MaturityStageEnum, description: 'The stage.', resolve: (d) => d.stage }),
    label: t.string({ description: 'Its name as the tool writes it ("Embedding").', resolve: (d) => STAGE_LABELS[d.stage] }),
    text: t.exposeString('text', { description: "The tool's descriptor." }),
  }),
});

const MaturityStepAssessmentType = builder.objectRef<MaturityStepView>('MaturityStepAssessment').implement({
  description: "One row of the tool for a trust: the characteristic, its current recorded stage, the service's proposal and the history.",
  fields: (t) => ({
    step: t.field({ type: MaturityStepEnum, description: 'The row.', resolve: (s) => s.definition.step }),
    label: t.string({ description: '"Step 6", or "Overall".', resolve: (s) => s.definition.label }),
    title: t.string({ description: 'The characteristic, in the words of the tool.', resolve: (s) => s.definition.title }),
    descriptors: t.field({
      type: [MaturityStageDescriptorType],
      description: 'The four stages of this step, as the tool describes them.',
      resolve: (s) => MATURITY_STAGES.map((stage) => ({ stage, text: s.definition.descriptors[stage] })),
    }),
    current: t.field({ type: MaturityAssessmentType, nullable: true, description: 'The latest assessment; null when none has been recorded.', resolve: (s) => s.history[0] ?? null }),
    previous: t.field({ type: MaturityAssessmentType, nullable: true, description: 'The assessment before the latest, to show progress; null when there is none.', resolve: (s) => s.history[1] ?? null }),
    history: t.field({ type: [MaturityAssessmentType], description: 'Every assessment of this step, newest first.', resolve: (s) => s.history }),
    proposal: t.field({ type: MaturityProposalType, nullable: true, description: "The service's proposal from this school year's records (Steps 6, 8 and 9); null for the others.", resolve: (s) => s.proposal }),
  }),
});

const TrustMaturityType = builder.objectRef<TrustMaturityView>('TrustMaturity').implement({
  description: "A trust's maturity self-assessment against the RSC tool: the overall row and Steps 1-9.",
  fields: (t) => ({
    trust: t.field({ type: TrustRef, description: 'The trust.', resolve: (m) => m.trustId }),
    schoolYear: t.string({ description: 'The school year the proposals measure ("2026/27").', resolve: (m) => m.facts.schoolYear }),
    steps: t.field({ type: [MaturityStepAssessmentType], description: 'The overall row, then Steps 1 to 9.', resolve: (m) => m.steps }),
  }),
});

builder.queryField('trustMaturity', (t) =>
  t.field({
    type: TrustMaturityType,
    description: "A trust's maturity self-assessment with the service's proposals for Steps 6, 8 and 9. Its IMPROVEMENT_LEAD, its EXECUTIVE_HEADs and HEADTEACHERs, and ADMIN. Requires a token.",
    authScopes: { authenticated: true },
    args: { trustId: t.arg.id({ required: true, description: 'The trust.' }) },
    resolve: (_root, args, context) => {
      const id = decodeIdOfType(String(args.trustId), 'Trust');
      if (!id) throw new NotFoundError('trustId: no trust with this ID exists', 'trustId');
      return trustMaturity(viewerOf(context), id);
    },
  }),
);

const RecordMaturityAssessmentInput = builder.inputType('RecordMaturityAssessmentInput', {
  description: "A trust's judgement of one step: recording the proposed stage accepts the proposal, another stage overrides it.",
  fields: (t) => ({
    trustId: t.id({ required: true, description: 'The trust.' }),
    step: t.field({ type: MaturityStepEnum, required: true, description: 'The row assessed.' }),
    stage: t.field({ type: MaturityStageEnum, required: true, description: 'The stage the trust judges it is at.' }),
    evidence: t.string({ required: true, description: 'The evidence for it (1-4000 characters).' }),
  }),
});

inputMutation('recordMaturityAssessment', {
  description:
    "Records a trust's stage for one step of the maturity tool with its evidence, keeping every earlier assessment. For Steps 6, 8 and 9 the service's proposal at that moment is stored beside it. The trust's IMPROVEMENT_LEAD or ADMIN.",
  input: RecordMaturityAssessmentInput,
  inputDescription: 'The trust, the step, the stage and the evidence.',
  payload: payloadType('RecordMaturityAssessmentPayload', 'assessment', MaturityAssessmentType, 'Result of recordMaturityAssessment.'),
  resolve: outcomeOf(recordMaturityAssessment, { trustId: 'Trust' }),
});
