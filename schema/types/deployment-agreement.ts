// The deployment agreement, signed by both schools, and both schools' impact ratings
// (server/services/deployment-agreement.ts; the track record's rule: server/domain/impact.ts).
import { trackRecordRating } from '../../server/domain/impact';
import type { ActorRecord } from '../../server/services/read/records';
import { rateDeploymentImpact, signDeploymentAgreement, updateDeploymentAgreement } from '../../server/services/deployment-agreement';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { payloadType } from '../payloads';
import { DeploymentRef, type DeploymentShape } from '../refs';
import { ActorType, SignOffType } from './deployment';

type Agreement = NonNullable<DeploymentShape['agreement']>;
type Session = Agreement['sessions'][number];
type ReceivingImpact = NonNullable<DeploymentShape['receivingImpact']>;

const AgreementSessionType = builder.objectRef<Session>('AgreementSession').implement({
  description: 'A planned session or date of the support.',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day.', resolve: (s) => s.date }),
    note: t.string({ nullable: true, description: 'What it is for.', resolve: (s) => s.note ?? null }),
  }),
});

const DeploymentAgreementType = builder.objectRef<Agreement>('DeploymentAgreement').implement({
  description:
    "What both schools agree the support is: objectives, planned sessions, a review date and (at the end) the final report. Signed for the receiving school and for the supporter's home school; any change clears both signatures.",
  fields: (t) => ({
    objectives: t.stringList({ description: 'What the support is to achieve.', resolve: (a) => a.objectives }),
    sessions: t.field({ type: [AgreementSessionType], description: 'Planned sessions or dates, earliest first.', resolve: (a) => a.sessions }),
    reviewDate: t.field({ type: 'Date', nullable: true, description: 'When the schools review progress.', resolve: (a) => a.reviewDate ?? null }),
    finalReport: t.string({ nullable: true, description: 'The final report, once written.', resolve: (a) => a.finalReport ?? null }),
    version: t.int({ description: 'Counts the changes; a signature is for this version (signDeploymentAgreement takes it).', resolve: (a) => a.version }),
    receivingSignature: t.field({ type: SignOffType, nullable: true, description: 'Signed for the receiving school, for this version.', resolve: (a) => a.receivingSignature ?? null }),
    supportingSignature: t.field({ type: SignOffType, nullable: true, description: "Signed for the supporter's home school (or the supporting school), for this version.", resolve: (a) => a.supportingSignature ?? null }),
    signedByBoth: t.boolean({ description: 'Whether both schools have signed this version.', resolve: (a) => !!a.receivingSignature && !!a.supportingSignature }),
    changedBy: t.field({ type: ActorType, description: 'Who last changed it.', resolve: (a) => a.changedBy as ActorRecord }),
    changedAt: t.field({ type: 'DateTime', description: 'When it last changed.', resolve: (a) => a.changedAt }),
  }),
});

const ReceivingImpactType = builder.objectRef<ReceivingImpact>('ReceivingImpact').implement({
  description: "The receiving school's rating of the impact of completed support.",
  fields: (t) => ({
    rating: t.int({ description: 'Impact, 1 (little) to 4 (transformational).', resolve: (r) => r.rating }),
    evidence: t.string({ description: 'What changed, as the school saw it.', resolve: (r) => r.evidence }),
    by: t.field({ type: ActorType, description: 'Who rated it.', resolve: (r) => r.by as ActorRecord }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (r) => r.at }),
  }),
});

const DeploymentImpactType = builder.objectRef<DeploymentShape>('DeploymentImpact').implement({
  description:
    "Both ratings of a deployment's impact and the one its supporter's track record counts: the mean of the two when both exist, the receiving school's when only it exists, the supporter's when only theirs does.",
  fields: (t) => ({
    supporterRating: t.int({ nullable: true, description: "The supporter's rating on completion (also Deployment.impactRating).", resolve: (d) => d.impactRating ?? null }),
    supporterEvidence: t.string({ nullable: true, description: "The supporter's evidence (also Deployment.impactEvidence).", resolve: (d) => d.impactEvidence ?? null }),
    receivingRating: t.int({ nullable: true, description: "The receiving school's rating.", resolve: (d) => d.receivingImpact?.rating ?? null }),
    receivingEvidence: t.string({ nullable: true, description: "The receiving school's evidence.", resolve: (d) => d.receivingImpact?.evidence ?? null }),
    trackRecordRating: t.float({ nullable: true, description: 'The rating the track-record factor counts (may be a half: the mean of two).', resolve: (d) => trackRecordRating(d.impactRating, d.receivingImpact?.rating) }),
  }),
});

builder.objectFields(DeploymentRef, (t) => ({
  agreement: t.field({ type: DeploymentAgreementType, nullable: true, description: 'The agreement between the two schools, once written.', resolve: (d) => d.agreement ?? null }),
  receivingImpact: t.field({ type: ReceivingImpactType, nullable: true, description: "The receiving school's rating of the impact, once given.", resolve: (d) => d.receivingImpact ?? null }),
  impact: t.field({ type: DeploymentImpactType, description: 'Both impact ratings, and the one the track record counts.', resolve: (d) => d }),
}));

const AgreementSessionInput = builder.inputType('AgreementSessionInput', {
  description: 'A planned session or date.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: 'The day.' }),
    note: t.string({ description: 'What it is for (at most 500 characters).' }),
  }),
});

const UpdateDeploymentAgreementInput = builder.inputType('UpdateDeploymentAgreementInput', {
  description: 'The whole agreement as it should now read.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Deployment.' }),
    objectives: t.stringList({ required: true, description: 'What the support is to achieve (1-20, each 3-500 characters).' }),
    sessions: t.field({ type: [AgreementSessionInput], description: 'Planned sessions or dates (at most 200).' }),
    reviewDate: t.field({ type: 'Date', description: 'When the schools review progress.' }),
    finalReport: t.string({ description: 'The final report (at most 8000 characters).' }),
    expectedVersion: t.int({ description: 'The version edited (0 for none yet); when given and no longer current, AGREEMENT_CHANGED and nothing is written.' }),
  }),
});

inputMutation('updateDeploymentAgreement', {
  description:
    "Writes or changes a deployment's agreement: either school (headteacher, hub executive head, trust lead), the arranger or the supporting staff member. A change clears both signatures: both schools sign again. Saving the same words changes nothing. Not for DECLINED or CANCELLED deployments. Audited.",
  input: UpdateDeploymentAgreementInput,
  inputDescription: 'The deployment and the agreement.',
  payload: payloadType('UpdateDeploymentAgreementPayload', 'deployment', DeploymentRef, 'Result of updateDeploymentAgreement.'),
  resolve: outcomeOf(updateDeploymentAgreement, { id: 'Deployment' }),
});

const SignDeploymentAgreementInput = builder.inputType('SignDeploymentAgreementInput', {
  description: 'The agreement to sign, and the version read.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Deployment.' }),
    version: t.int({ required: true, description: 'The version signed (DeploymentAgreement.version): AGREEMENT_CHANGED when it has changed since.' }),
  }),
});

inputMutation('signDeploymentAgreement', {
  description:
    "Signs the agreement for every side the caller may sign: the receiving school (its headteacher, the hub's executive head, the trust's lead) and the supporter's home school (likewise). User errors: NO_AGREEMENT, AGREEMENT_CHANGED, ALREADY_SIGNED. Audited.",
  input: SignDeploymentAgreementInput,
  inputDescription: 'The deployment and the version signed.',
  payload: payloadType('SignDeploymentAgreementPayload', 'deployment', DeploymentRef, 'Result of signDeploymentAgreement.'),
  resolve: outcomeOf(signDeploymentAgreement, { id: 'Deployment' }),
});

const RateDeploymentImpactInput = builder.inputType('RateDeploymentImpactInput', {
  description: "The receiving school's rating of completed support.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'Deployment (COMPLETED).' }),
    rating: t.int({ required: true, description: 'Impact, 1 (little) to 4 (transformational).' }),
    evidence: t.string({ required: true, description: 'What changed (10-4000 characters).' }),
  }),
});

inputMutation('rateDeploymentImpact', {
  description:
    "The receiving school rates the impact of COMPLETED support (its headteacher, the hub's executive head or the trust's lead); rating again replaces it. Feeds the supporter's track record with the supporter's own rating (see DeploymentImpact). Audited.",
  input: RateDeploymentImpactInput,
  inputDescription: 'The deployment, the rating and its evidence.',
  payload: payloadType('RateDeploymentImpactPayload', 'deployment', DeploymentRef, 'Result of rateDeploymentImpact.'),
  resolve: outcomeOf(rateDeploymentImpact, { id: 'Deployment' }),
});
