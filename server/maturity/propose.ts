// Proposed stages for Steps 6, 8 and 9 of the maturity tool, from the facts of one school
// year (./facts.ts). Pure: plain data in, explained data out. Each stage is a list of
// criteria; the proposal is the highest stage whose criteria hold together with those of every
// stage below it (stages are cumulative, as the tool's descriptors build on each other).
// docs/maturity.md gives each threshold and the descriptor it stands for.
import type { Designation } from '../domain/enums';
import { MATURITY_STAGES, type MaturityStage, type ProposedStep } from '../domain/maturity-tool';
import type { MaturityFacts, Step6Facts, Step8Facts, Step9Facts } from './facts';

/** One measure behind a proposal: its name, its value and what it means. */
export interface ProposalReason {
  measure: string;
  value: number;
  detail: string;
}

export interface Criterion {
  stage: Exclude<MaturityStage, 'BEGINNING'>;
  /** What must hold, in words. */
  requirement: string;
  met: boolean;
}

export interface MaturityProposal {
  step: ProposedStep;
  stage: MaturityStage;
  schoolYear: string;
  /** The measures, with their values. */
  reasons: ProposalReason[];
  /** Every criterion of the stages above Beginning, and whether it holds. */
  criteria: Criterion[];
  /** What is still missing for the next stage; empty at Leading. */
  toReachNextStage: string[];
}

/** Thresholds: a share is a fraction of 1. Documented, with the descriptors, in docs/maturity.md. */
export const THRESHOLDS = {
  step6: {
    developing: { needsMetShare: 0.25 },
    embedding: { needsMetShare: 0.5, namedImpactShare: 0.5 },
    leading: { needsMetShare: 0.75, namedImpactShare: 0.8 },
  },
  step8: {
    developing: { staffShare: 0.05 },
    embedding: { staffShare: 0.1, seniorLeadersAcross: 1 },
    leading: { staffShare: 0.2, seniorLeadersAcrossShare: 0.5, middleLeadersAndTeachers: 1 },
  },
  step9: {
    developing: { daysExchanged: 1 },
    embedding: { daysGivenBeyond: 10, systemLeaders: 1 },
    leading: { daysGivenBeyond: 30, designationKinds: 3, systemLeadersBeyond: 1 },
  },
} as const;

/** part / whole, 0 when there is no whole (nothing to share out is not a share of 100 %). */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a count of 0 or more, not ${value}`);
}
function assertPart(partName: string, part: number, wholeName: string, whole: number): void {
  assertCount(partName, part);
  assertCount(wholeName, whole);
  if (part > whole) throw new RangeError(`${partName} (${part}) cannot exceed ${wholeName} (${whole})`);
}

function decide(step: ProposedStep, schoolYear: string, reasons: ProposalReason[], criteria: Criterion[]): MaturityProposal {
  let stage: MaturityStage = 'BEGINNING';
  for (const next of MATURITY_STAGES.slice(1) as Criterion['stage'][]) {
    if (criteria.filter((c) => c.stage === next).every((c) => c.met)) stage = next;
    else break;
  }
  const nextStage = MATURITY_STAGES[MATURITY_STAGES.indexOf(stage) + 1] as Criterion['stage'] | undefined;
  const toReachNextStage = nextStage ? criteria.filter((c) => c.stage === nextStage && !c.met).map((c) => c.requirement) : [];
  return { step, stage, schoolYear, reasons, criteria, toReachNextStage };
}

export function proposeStep6(f: Step6Facts, schoolYear: string): MaturityProposal {
  assertPart('needsMetFromOwnSchools', f.needsMetFromOwnSchools, 'needsRaised', f.needsRaised);
  assertPart('withNamedImpact', f.withNamedImpact, 'deliveredDeployments', f.deliveredDeployments);
  assertCount('supporters', f.supporters);
  const met = share(f.needsMetFromOwnSchools, f.needsRaised);
  const named = share(f.withNamedImpact, f.deliveredDeployments);
  const t = THRESHOLDS.step6;
  const reasons: ProposalReason[] = [
    { measure: 'needsMetFromOwnSchoolsShare', value: met, detail: `${f.needsMetFromOwnSchools} of ${f.needsRaised} needs raised in ${schoolYear} were met by support from the trust's own schools (${percent(met)})` },
    { measure: 'namedImpactShare', value: named, detail: `${f.withNamedImpact} of ${f.deliveredDeployments} deployments delivered between the trust's schools in ${schoolYear} were completed with their impact named (${percent(named)})` },
    { measure: 'supporters', value: f.supporters, detail: `${f.supporters} people or schools supported another of the trust's schools in ${schoolYear}` },
  ];
  const criteria: Criterion[] = [
    { stage: 'DEVELOPING', requirement: `at least ${percent(t.developing.needsMetShare)} of needs met by support from the trust's own schools`, met: f.needsRaised > 0 && met >= t.developing.needsMetShare },
    { stage: 'EMBEDDING', requirement: `at least ${percent(t.embedding.needsMetShare)} of needs met by the trust's own schools`, met: met >= t.embedding.needsMetShare },
    { stage: 'EMBEDDING', requirement: `at least ${percent(t.embedding.namedImpactShare)} of delivered deployments with named impact`, met: f.deliveredDeployments > 0 && named >= t.embedding.namedImpactShare },
    { stage: 'LEADING', requirement: `at least ${percent(t.leading.needsMetShare)} of needs met by the trust's own schools`, met: met >= t.leading.needsMetShare },
    { stage: 'LEADING', requirement: `at least ${percent(t.leading.namedImpactShare)} of delivered deployments with named impact`, met: f.deliveredDeployments > 0 && named >= t.leading.namedImpactShare },
  ];
  return decide('STEP_6', schoolYear, reasons, criteria);
}

export function proposeStep8(f: Step8Facts, schoolYear: string): MaturityProposal {
  assertPart('staffWhoSupportedAnotherSchool', f.staffWhoSupportedAnotherSchool, 'staff', f.staff);
  assertPart('seniorLeaders', f.seniorLeaders, 'staff', f.staff);
  assertPart('seniorLeadersInMoreThanOneAcademy', f.seniorLeadersInMoreThanOneAcademy, 'seniorLeaders', f.seniorLeaders);
  assertPart('middleLeadersAndTeachersDeployed', f.middleLeadersAndTeachersDeployed, 'staffWhoSupportedAnotherSchool', f.staffWhoSupportedAnotherSchool);
  assertCount('daysGiven', f.daysGiven);
  const staffShare = share(f.staffWhoSupportedAnotherSchool, f.staff);
  const seniorShare = share(f.seniorLeadersInMoreThanOneAcademy, f.seniorLeaders);
  const t = THRESHOLDS.step8;
  const reasons: ProposalReason[] = [
    { measure: 'staffWhoSupportedAnotherSchoolShare', value: staffShare, detail: `${f.staffWhoSupportedAnotherSchool} of the trust's ${f.staff} staff supported another of its schools in ${schoolYear} (${percent(staffShare)})` },
    { measure: 'daysGiven', value: f.daysGiven, detail: `${f.daysGiven} days given to other schools of the trust in ${schoolYear}` },
    { measure: 'seniorLeadersInMoreThanOneAcademy', value: f.seniorLeadersInMoreThanOneAcademy, detail: `${f.seniorLeadersInMoreThanOneAcademy} of ${f.seniorLeaders} senior leaders have worked in more than one of the trust's academies (${percent(seniorShare)})` },
    { measure: 'middleLeadersAndTeachersDeployed', value: f.middleLeadersAndTeachersDeployed, detail: `${f.middleLeadersAndTeachersDeployed} middle leaders and teachers supported another of the trust's schools in ${schoolYear}` },
  ];
  const criteria: Criterion[] = [
    { stage: 'DEVELOPING', requirement: `at least ${percent(t.developing.staffShare)} of staff supported another school of the trust this year`, met: f.staff > 0 && staffShare >= t.developing.staffShare },
    { stage: 'EMBEDDING', requirement: `at least ${percent(t.embedding.staffShare)} of staff supported another school of the trust this year`, met: staffShare >= t.embedding.staffShare },
    { stage: 'EMBEDDING', requirement: 'at least one senior leader has worked in more than one of the trust\'s academies', met: f.seniorLeadersInMoreThanOneAcademy >= t.embedding.seniorLeadersAcross },
    { stage: 'LEADING', requirement: `at least ${percent(t.leading.staffShare)} of staff supported another school of the trust this year`, met: staffShare >= t.leading.staffShare },
    { stage: 'LEADING', requirement: `at least ${percent(t.leading.seniorLeadersAcrossShare)} of senior leaders have worked in more than one academy`, met: f.seniorLeaders > 0 && seniorShare >= t.leading.seniorLeadersAcrossShare },
    { stage: 'LEADING', requirement: 'middle leaders or teachers (not only senior leaders) deployed across the trust', met: f.middleLeadersAndTeachersDeployed >= t.leading.middleLeadersAndTeachers },
  ];
  return decide('STEP_8', schoolYear, reasons, criteria);
}

/** NLE and LLE are one kind (leaders of education); SLE and NLG the others. */
function designationKinds(leaders: Record<Designation, number>): number {
  return (leaders.NLE + leaders.LLE > 0 ? 1 : 0) + (leaders.SLE > 0 ? 1 : 0) + (leaders.NLG > 0 ? 1 : 0);
}

export function proposeStep9(f: Step9Facts, schoolYear: string): MaturityProposal {
  assertCount('daysGivenBeyond', f.daysGivenBeyond);
  assertCount('daysReceivedFromBeyond', f.daysReceivedFromBeyond);
  assertCount('schoolsSupportedBeyond', f.schoolsSupportedBeyond);
  for (const [designation, count] of Object.entries(f.systemLeaders)) assertCount(`systemLeaders.${designation}`, count);
  const designated = f.systemLeaders.NLE + f.systemLeaders.LLE + f.systemLeaders.SLE + f.systemLeaders.NLG;
  assertCount('systemLeadersWhoSupportedBeyond', f.systemLeadersWhoSupportedBeyond);
  const kinds = designationKinds(f.systemLeaders);
  const t = THRESHOLDS.step9;
  const byDesignation = (['NLE', 'LLE', 'SLE', 'NLG'] as const).map((d) => `${f.systemLeaders[d]} ${d}`).join(', ');
  const reasons: ProposalReason[] = [
    { measure: 'daysGivenBeyond', value: f.daysGivenBeyond, detail: `${f.daysGivenBeyond} days of support given to ${f.schoolsSupportedBeyond} schools outside the trust in ${schoolYear}` },
    { measure: 'daysReceivedFromBeyond', value: f.daysReceivedFromBeyond, detail: `${f.daysReceivedFromBeyond} days of support received from outside the trust in ${schoolYear}` },
    { measure: 'systemLeaders', value: designated, detail: `system leaders by designation: ${byDesignation}` },
    { measure: 'systemLeadersWhoSupportedBeyond', value: f.systemLeadersWhoSupportedBeyond, detail: `${f.systemLeadersWhoSupportedBeyond} designated system leaders supported schools outside the trust in ${schoolYear}` },
  ];
  const criteria: Criterion[] = [
    { stage: 'DEVELOPING', requirement: 'support given to or received from schools outside the trust this year', met: f.daysGivenBeyond + f.daysReceivedFromBeyond >= t.developing.daysExchanged },
    { stage: 'EMBEDDING', requirement: `at least ${t.embedding.daysGivenBeyond} days given to schools outside the trust this year`, met: f.daysGivenBeyond >= t.embedding.daysGivenBeyond },
    { stage: 'EMBEDDING', requirement: 'at least one designated system leader (NLE, LLE, SLE or NLG)', met: designated >= t.embedding.systemLeaders },
    { stage: 'LEADING', requirement: `at least ${t.leading.daysGivenBeyond} days given to schools outside the trust this year`, met: f.daysGivenBeyond >= t.leading.daysGivenBeyond },
    { stage: 'LEADING', requirement: 'system leaders of all three kinds: NLE or LLE, SLE and NLG', met: kinds >= t.leading.designationKinds },
    { stage: 'LEADING', requirement: 'designated system leaders supporting schools beyond the trust this year', met: f.systemLeadersWhoSupportedBeyond >= t.leading.systemLeadersBeyond },
  ];
  return decide('STEP_9', schoolYear, reasons, criteria);
}

/** The three proposals from one year's facts. */
export function proposeStages(facts: MaturityFacts): MaturityProposal[] {
  return [proposeStep6(facts.step6, facts.schoolYear), proposeStep8(facts.step8, facts.schoolYear), proposeStep9(facts.step9, facts.schoolYear)];
}
