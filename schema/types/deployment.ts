import { decodeGlobalId } from '../../server/auth/global-id';
import type { ActorRecord } from '../../server/services/read/records';
import { historyOf } from '../../server/services/read/history';
import { deploymentsOfNeeds } from '../../server/services/read/needs';
import { moveDeployment, proposeDeployment } from '../../server/services/deployments';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { decodeIds } from '../ids';
import { MAX_PAGE_SIZE } from '../pagination';
import { payloadType, toPayload } from '../payloads';
import { AcademyRef, DeploymentRef, type DeploymentShape, ImprovementNeedRef, StaffMemberRef } from '../refs';
import { viewerOf } from '../viewer';
import { assertMayReadHistory, mayReadDeploymentOf, readableDeployments } from '../personal-data';
import { DEPLOYMENT_READERS } from '../../server/auth/personal-data';
import { DeploymentStatusEnum } from './enums';
import { ScoreFactorType } from './score-factor';

/** When the current status began: stored since it existed, else read from the history. */
export function statusSinceOf(d: DeploymentShape): Date {
  return d.statusSince ?? d.statusHistory.at(-1)?.at ?? (d as { createdAt?: Date }).createdAt ?? d._id.getTimestamp();
}

export const ActorType = builder.objectRef<ActorRecord>('Actor').implement({
  description: 'Who made a change: the token subject and role.',
  fields: (t) => ({
    sub: t.exposeString('sub', { description: 'Token subject (user id).' }),
    role: t.exposeString('role', { description: 'Role at the time.' }),
  }),
});

type SignOff = { by: ActorRecord; at: Date };
export const SignOffType = builder.objectRef<SignOff>('SignOff').implement({
  description: 'A school’s agreement: who and when.',
  fields: (t) => ({
    by: t.field({ type: ActorType, description: 'Who agreed.', resolve: (s) => s.by }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (s) => s.at }),
  }),
});

type StatusChange = { status: DeploymentShape['status']; by: ActorRecord; at: Date };
const StatusChangeType = builder.objectRef<StatusChange>('DeploymentStatusChange').implement({
  description: 'One step of a deployment’s lifecycle.',
  fields: (t) => ({
    status: t.field({ type: DeploymentStatusEnum, description: 'Status reached.', resolve: (c) => c.status }),
    by: t.field({ type: ActorType, description: 'Who moved it.', resolve: (c) => c.by }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (c) => c.at }),
  }),
});

type Explanation = NonNullable<DeploymentShape['explanation']>;
const ExplanationType = builder.objectRef<Explanation>('DeploymentExplanation').implement({
  description: 'Why this supporter: the ranking as it stood when the deployment was proposed.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'Score at proposal time.' }),
    distanceKm: t.float({ nullable: true, description: 'Distance in km.', resolve: (e) => e.distanceKm ?? null }),
    factors: t.field({ type: [ScoreFactorType], description: 'Factor contributions, adding up to the score.', resolve: (e) => e.factors.map((f) => ({ ...f, detail: f.detail ?? null })) }),
    rankedAt: t.field({ type: 'DateTime', description: 'When it was computed.', resolve: (e) => e.rankedAt }),
  }),
});

DeploymentRef.implement({
  description: `Support given to a need by a staff member or an academy, from proposal to impact. Part of the supporter's deployment history: readable only by ${DEPLOYMENT_READERS}.`,
  // Lists leave out what the caller may not read (readableDeployments); this backstops every other path.
  authScopes: (d, context) => mayReadDeploymentOf(context, d),
  fields: (t) => ({
    need: t.field({ type: ImprovementNeedRef, description: 'The need supported.', resolve: (d) => d.needId.toString() }),
    status: t.field({ type: DeploymentStatusEnum, description: 'Where it stands.', resolve: (d) => d.status }),
    days: t.exposeInt('days', { description: 'Days reserved for it (see daysHeld).' }),
    daysHeld: t.boolean({
      description:
        "Whether the supporter's days are reserved for it. A proposal inside the supporter's trust holds them at once; one from another trust (or involving a school in no trust) only once the supporter's home school agrees their release, so no trust can tie up another's staff.",
      resolve: (d) => d.daysHeld !== false,
    }),
    staffMember: t.field({ type: StaffMemberRef, nullable: true, description: 'The supporting staff member, if a person.', resolve: (d) => d.staffId?.toString() ?? null }),
    supportingAcademy: t.field({ type: AcademyRef, nullable: true, description: 'The supporting academy, if a whole school.', resolve: (d) => d.supportingAcademyId?.toString() ?? null }),
    receivingAcademy: t.field({ type: AcademyRef, description: 'The school receiving support.', resolve: (d) => d.receivingAcademyId.toString() }),
    startDate: t.field({ type: 'Date', nullable: true, description: 'Planned start.', resolve: (d) => d.startDate ?? null }),
    endDate: t.field({ type: 'Date', nullable: true, description: 'Planned end.', resolve: (d) => d.endDate ?? null }),
    explanation: t.field({ type: ExplanationType, nullable: true, description: 'Why this supporter, as ranked at proposal.', resolve: (d) => d.explanation ?? null }),
    release: t.field({ type: SignOffType, nullable: true, description: "The supporter's home school released them.", resolve: (d) => d.release ?? null }),
    acceptance: t.field({ type: SignOffType, nullable: true, description: 'The receiving school accepted.', resolve: (d) => d.acceptance ?? null }),
    impactRating: t.int({ nullable: true, description: 'Impact on completion, 1 (little) to 4 (transformational).', resolve: (d) => d.impactRating ?? null }),
    impactEvidence: t.string({ nullable: true, description: 'Evidence of the impact.', resolve: (d) => d.impactEvidence ?? null }),
    statusHistory: t.field({ type: [StatusChangeType], description: 'Every status change, who and when.', resolve: (d) => d.statusHistory as StatusChange[] }),
    statusSince: t.field({
      type: 'DateTime',
      description: 'When the current status began: how long a deployment has waited in it (the deployments list orders by it).',
      resolve: (d) => statusSinceOf(d),
    }),
  }),
});

builder.objectField(ImprovementNeedRef, 'deployments', (t) =>
  t.loadableList({
    type: DeploymentRef,
    description: `Deployments for this need, oldest first, those the caller may read (${DEPLOYMENT_READERS}). Requires a token.`,
    authScopes: { authenticated: true },
    load: async (needIds: readonly string[], context) => {
      const lists = await deploymentsOfNeeds(needIds);
      return Promise.all(lists.map((list) => readableDeployments(context, list)));
    },
    resolve: (n) => n._id.toString(),
  }),
);

const ProposeDeploymentInput = builder.inputType('ProposeDeploymentInput', {
  description: 'A proposal: a staff member (staffId) or an academy as a whole (supportingAcademyId) for a need.',
  fields: (t) => ({
    needId: t.id({ required: true, description: 'The need.' }),
    staffId: t.id({ description: 'The staff member (or give supportingAcademyId).' }),
    supportingAcademyId: t.id({ description: 'The supporting academy (or give staffId).' }),
    days: t.int({ required: true, description: 'Days to reserve (1-200, at most the days still to arrange).' }),
    startDate: t.field({ type: 'Date', description: 'Planned start.' }),
    endDate: t.field({ type: 'Date', description: 'Planned end.' }),
  }),
});

const DeploymentPayload = (name: string) => payloadType(name, 'deployment', DeploymentRef, `Result of ${name.replace(/Payload$/, '').replace(/^./, (c) => c.toLowerCase())}.`);

inputMutation('proposeDeployment', {
  description: "Proposes a supporter for a need, re-checking every hard constraint and reserving the days atomically (INSUFFICIENT_CAPACITY when they are not there). The trust's IMPROVEMENT_LEAD or the hub's EXECUTIVE_HEAD of the school in need.",
  input: ProposeDeploymentInput,
  inputDescription: 'The need, the supporter (staffId or supportingAcademyId) and the days to reserve.',
  payload: DeploymentPayload('ProposeDeploymentPayload'),
  resolve: outcomeOf(proposeDeployment, { needId: 'ImprovementNeed', staffId: 'StaffMember', supportingAcademyId: 'Academy' }),
});

const DeploymentIdInput = builder.inputType('DeploymentIdInput', {
  description: 'The deployment to move on.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Deployment.' }) }),
});

const moves = [
  ['agreeDeployment', 'agree', "Records one side's agreement: the supporter's home school releases them, the receiving school accepts. AGREED once both have (one call suffices for someone entitled to both)."],
  ['startDeployment', 'start', 'Marks an AGREED deployment as under way (ACTIVE): the arranger, or the supporting staff member themselves.'],
  ['declineDeployment', 'decline', 'Declines a PROPOSED or AGREED deployment (either school, or the arranger); releases the days.'],
  ['cancelDeployment', 'cancel', 'Cancels a PROPOSED, AGREED or ACTIVE deployment (the arranger); releases the days.'],
] as const;

for (const [field, move, description] of moves) {
  const payload = DeploymentPayload(`${field[0]!.toUpperCase()}${field.slice(1)}Payload`);
  inputMutation(field, {
    description: `${description} An illegal move is a user error with code INVALID_TRANSITION.`,
    input: DeploymentIdInput,
    inputDescription: 'The deployment to move on.',
    payload,
    resolve: async (viewer, input) => toPayload(await moveDeployment(viewer, move, decodeIds(input, { id: 'Deployment' }))),
  });
}

const CompleteDeploymentInput = builder.inputType('CompleteDeploymentInput', {
  description: 'Completion with its impact.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Deployment.' }),
    impactRating: t.int({ required: true, description: 'Impact, 1 (little) to 4 (transformational).' }),
    impactEvidence: t.string({ required: true, description: 'Evidence of the impact ("know the impact of their work and can name it").' }),
  }),
});

inputMutation('completeDeployment', {
  description: 'Completes an ACTIVE deployment with its impact, which feeds the track-record factor of future rankings: the arranger, or the supporting staff member themselves.',
  input: CompleteDeploymentInput,
  inputDescription: 'The deployment, and the impact it had.',
  payload: DeploymentPayload('CompleteDeploymentPayload'),
  resolve: async (viewer, input) => toPayload(await moveDeployment(viewer, 'complete', decodeIds(input, { id: 'Deployment' }))),
});

interface AuditShape {
  _id: unknown;
  action: string;
  actor: ActorRecord;
  at: Date;
  changes: Record<string, { from: unknown; to: unknown }>;
}

const FieldChangeType = builder.objectRef<{ field: string; from: unknown; to: unknown }>('FieldChange').implement({
  description: 'One field before and after a change, as JSON.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Field name.' }),
    from: t.string({ nullable: true, description: 'Value before, as JSON.', resolve: (c) => (c.from === undefined ? null : JSON.stringify(c.from)) }),
    to: t.string({ nullable: true, description: 'Value after, as JSON.', resolve: (c) => (c.to === undefined ? null : JSON.stringify(c.to)) }),
  }),
});

const AuditEntryType = builder.objectRef<AuditShape>('AuditEntry').implement({
  description: 'One recorded change: who, when, what.',
  fields: (t) => ({
    action: t.exposeString('action', { description: 'What happened, e.g. CREATED, UPDATED, PROPOSED, AGREE.' }),
    actor: t.field({ type: ActorType, description: 'Who did it.', resolve: (e) => e.actor }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (e) => e.at }),
    changes: t.field({ type: [FieldChangeType], description: 'Fields changed.', resolve: (e) => Object.entries(e.changes ?? {}).map(([field, c]) => ({ field, ...c })) }),
  }),
});

builder.queryField('history', (t) =>
  t.field({
    type: [AuditEntryType],
    description:
      "The audit trail of any record (need, deployment, staff member, directory record, hub, academy, trust), newest first. Entries repeat the record's values, so a trail is readable by those who may read the record's personal data: a staff member's by the person, their school's headteacher, hub executive head, trust improvement lead and ADMIN; a need's by those who may read its description; a deployment's by those who may read it; a directory record's by ADMIN, its trust's lead and the person; a hub's, school's or trust's inside its trust. Otherwise FORBIDDEN. Empty for an ID that names no record.",
    authScopes: { authenticated: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global ID of the record.' }),
      first: t.arg.int({ defaultValue: 50, description: `How many entries (1-${MAX_PAGE_SIZE}).` }),
    },
    resolve: async (_root, args, context) => {
      const decoded = decodeGlobalId(String(args.id));
      if (!decoded || !(await assertMayReadHistory(context, decoded.typename, decoded.id))) return [];
      const first = Math.min(Math.max(args.first ?? 50, 1), MAX_PAGE_SIZE);
      return (await historyOf(viewerOf(context), decoded.id, first)) as unknown as AuditShape[];
    },
  }),
);
