// The trust maturity self-assessment (the RSC tool, server/domain/maturity-tool.ts): a trust
// records a stage per step with its evidence; for Steps 6, 8 and 9 the service proposes a stage
// from its own records (server/maturity/) and keeps that proposal beside what was recorded.
// Assessments are never changed or removed: each is a new record, so the history shows progress.
import { z } from 'zod';
import { refInput, resolveRef } from './references';
import { actorOf, type Viewer } from '../auth/viewer';
import { ForbiddenError } from '../domain/errors';
import { MATURITY_STAGES, MATURITY_STEPS, MATURITY_TOOL, type MaturityStage, type MaturityStep, type MaturityStepDefinition, PROPOSED_STEPS, type ProposedStep } from '../domain/maturity-tool';
import { schoolYearOf } from '../domain/school-year';
import { type MaturityAssessmentDoc, stores } from '../db/store';
import { maturityFacts, type MaturityFacts } from '../maturity/facts';
import { type MaturityProposal, proposeStages } from '../maturity/propose';
import { MaturityAssessment } from '../models/maturity-assessment';
import { recordAudit } from './audit';
import { loadTrust } from './trust-records';
import { failed, fromZod, ok, type Outcome } from './user-errors';

export type { MaturityAssessmentDoc };

export interface MaturityStepView {
  definition: MaturityStepDefinition;
  /** Newest first. */
  history: MaturityAssessmentDoc[];
  /** The service's proposal from this school year's records; null for steps it has no data on. */
  proposal: MaturityProposal | null;
}

export interface TrustMaturityView {
  trustId: string;
  trustName: string;
  facts: MaturityFacts;
  steps: MaturityStepView[];
}

/** Who may read a trust's assessment and board report: ADMIN, its improvement lead, its executive heads and headteachers. */
export async function mayReadTrust(viewer: Viewer, trustId: string): Promise<boolean> {
  if (viewer.role === 'ADMIN') return true;
  if (viewer.role === 'IMPROVEMENT_LEAD') return viewer.trustId === trustId;
  if (viewer.role === 'EXECUTIVE_HEAD' && viewer.clusterId) return (await stores.clusters.get(viewer.clusterId))?.trustId?.toString() === trustId;
  if (viewer.role === 'HEADTEACHER' && viewer.academyId) return (await stores.academies.get(viewer.academyId))?.trustId?.toString() === trustId;
  return false;
}

/** Who may record one: ADMIN, or the trust's improvement lead. */
export const mayRecordFor = (viewer: Viewer, trustId: string) => viewer.role === 'ADMIN' || (viewer.role === 'IMPROVEMENT_LEAD' && viewer.trustId === trustId);

const isProposedStep = (step: MaturityStep): step is ProposedStep => (PROPOSED_STEPS as readonly string[]).includes(step);

/** This school year's proposals for a trust (the day `now` falls in). */
export async function proposalsFor(trustId: string, now = new Date()): Promise<{ facts: MaturityFacts; proposals: Map<MaturityStep, MaturityProposal> }> {
  const loaded = await loadTrust(trustId);
  const facts = maturityFacts(loaded.records, schoolYearOf(now));
  return { facts, proposals: new Map<MaturityStep, MaturityProposal>(proposeStages(facts).map((p) => [p.step, p])) };
}

/** Every assessment of a trust, newest first. */
export function assessmentsOf(trustId: string): Promise<MaturityAssessmentDoc[]> {
  return stores.maturityAssessments.find({ trustId }, { sort: { assessedAt: -1, _id: -1 } });
}

export async function trustMaturity(viewer: Viewer, trustId: string, now = new Date()): Promise<TrustMaturityView> {
  if (viewer.role === 'TEACHER') throw new ForbiddenError("a trust's maturity assessment is read by its improvement lead, executive heads and headteachers, and ADMIN");
  // Refused before the trust is looked up, so a caller without the right is not told which trust IDs exist.
  if (!(await mayReadTrust(viewer, trustId))) throw new ForbiddenError("a trust's maturity assessment is read by its improvement lead, executive heads and headteachers, and ADMIN");
  const loaded = await loadTrust(trustId);
  const facts = maturityFacts(loaded.records, schoolYearOf(now));
  const proposals = new Map<MaturityStep, MaturityProposal>(proposeStages(facts).map((p) => [p.step, p]));
  const all = await assessmentsOf(trustId);
  return {
    trustId,
    trustName: loaded.trust.name,
    facts,
    steps: MATURITY_TOOL.map((definition) => ({
      definition,
      history: all.filter((a) => a.step === definition.step),
      proposal: isProposedStep(definition.step) ? (proposals.get(definition.step) ?? null) : null,
    })),
  };
}

const recordInput = z.object({
  trustId: refInput,
  step: z.enum(MATURITY_STEPS),
  stage: z.enum(MATURITY_STAGES),
  evidence: z.string().trim().min(1, 'give the evidence for this stage').max(4000, 'must be at most 4000 characters'),
});

/**
 * Records a trust's judgement of one step. For a step the service measures, the proposal of
 * this moment is stored beside it: recording the proposed stage accepts it, another overrides it.
 */
export async function recordMaturityAssessment(viewer: Viewer, raw: unknown, now = new Date()): Promise<Outcome<MaturityAssessmentDoc>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError("a trust's maturity is recorded by its improvement lead or ADMIN");
  const parsed = recordInput.safeParse(raw);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { step, stage, evidence } = parsed.data;
  const trust = await resolveRef(stores.trusts, parsed.data.trustId);
  if (!trust.ok) return failed(trust.error);
  const trustId = trust.doc._id.toString();
  if (!mayRecordFor(viewer, trustId)) throw new ForbiddenError("a trust's maturity is recorded by its own improvement lead or ADMIN");
  const proposal = isProposedStep(step) ? ((await proposalsFor(trustId, now)).proposals.get(step) ?? null) : null;
  const actor = actorOf(viewer);
  const created = await MaturityAssessment.create({
    trustId,
    step,
    stage,
    evidence,
    proposedStage: proposal?.stage ?? null,
    proposalReasons: proposal?.reasons ?? [],
    proposalSchoolYear: proposal?.schoolYear ?? null,
    assessedBy: actor,
    assessedAt: now,
  });
  await recordAudit('MaturityAssessment', created._id, 'RECORDED', actor, {
    trustId: { from: null, to: trustId },
    step: { from: null, to: step },
    stage: { from: null, to: stage },
    proposedStage: { from: null, to: proposal?.stage ?? null },
  });
  return ok(created.toObject() as MaturityAssessmentDoc);
}

/** Whether an assessment took the service's proposal: ACCEPTED, OVERRIDDEN, or NO_PROPOSAL. */
export function decisionOf(a: { stage: string; proposedStage?: string | null }): 'ACCEPTED' | 'OVERRIDDEN' | 'NO_PROPOSAL' {
  if (!a.proposedStage) return 'NO_PROPOSAL';
  return a.proposedStage === a.stage ? 'ACCEPTED' : 'OVERRIDDEN';
}

export const stageRank = (stage: MaturityStage) => MATURITY_STAGES.indexOf(stage);
