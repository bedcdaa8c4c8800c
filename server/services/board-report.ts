// The figures of a trust's termly board report (docs/board-report.md): support delivered in
// the term by hub and by area, its impact, support across the trust's boundary, and the
// maturity summary. Plain data: server/exports/board-report/ renders it as HTML and PDF.
// "Delivered" is ACTIVE or COMPLETED; a deployment counts in the term of its support date
// (server/maturity/facts.ts, supportDateOf), received by one of the trust's academies.
import type { Viewer } from '../auth/viewer';
import { ForbiddenError, InvalidInputError } from '../domain/errors';
import { type MaturityStage, type MaturityStep, MATURITY_TOOL, PROPOSED_STEPS } from '../domain/maturity-tool';
import { inTerm, parseTermLabel, type SchoolTerm } from '../domain/school-term';
import { expertiseAreaInfo, type ExpertiseArea } from '../domain/taxonomy';
import { maturityFacts, supportDateOf } from '../maturity/facts';
import { type MaturityProposal, proposeStages } from '../maturity/propose';
import { assessmentsOf, decisionOf, mayRecordFor } from './maturity';
import { loadTrust } from './trust-records';

export interface SupportRow {
  /** Hub name or area label. */
  label: string;
  deployments: number;
  days: number;
  completed: number;
  /** Mean impact (1-4) of the completed ones; null when none. */
  meanImpact: number | null;
}

export interface ImpactItem {
  school: string;
  area: string;
  days: number;
  rating: number;
  evidence: string;
}

export interface MaturityRow {
  step: MaturityStep;
  label: string;
  title: string;
  /** Latest recorded stage, its date and how it related to the proposal then. */
  recorded: { stage: MaturityStage; at: Date; decision: string; proposedStage: MaturityStage | null; evidence: string } | null;
  /** The stage recorded before the latest: progress since the last assessment. */
  previousStage: MaturityStage | null;
  /** The service's proposal from the term's school year, for Steps 6, 8, 9. */
  proposal: MaturityProposal | null;
}

export interface BoardReport {
  trust: { id: string; name: string };
  term: SchoolTerm;
  generatedAt: Date;
  totals: { deployments: number; days: number; completed: number; schoolsSupported: number };
  byHub: SupportRow[];
  byArea: SupportRow[];
  /** Completed deployments by impact rating (index 0: rating 1). */
  impactCounts: [number, number, number, number];
  /** The completed deployments with named impact, strongest first, at most IMPACT_ITEMS of them. */
  impact: ImpactItem[];
  /** How many completed deployments with named impact there were in all. */
  impactTotal: number;
  beyond: { daysGiven: number; daysReceived: number };
  maturity: MaturityRow[];
}

const DELIVERED = new Set(['ACTIVE', 'COMPLETED']);
const NO_HUB = 'Not in a hub';
/**
 * A board reads examples, not a register: the report lists the strongest impact (highest
 * rating, then most days) up to this many, and says how many more there were. At 2,000
 * deployments a term the full list made a 2.6 MB, 22-second PDF (BENCHMARKS.md).
 */
export const IMPACT_ITEMS = 25;

function rows(groups: Map<string, { days: number; status: string; impactRating?: number | null }[]>): SupportRow[] {
  return [...groups.entries()]
    .map(([label, list]) => {
      const completed = list.filter((d) => d.status === 'COMPLETED');
      const rated = completed.filter((d) => d.impactRating != null);
      return {
        label,
        deployments: list.length,
        days: list.reduce((s, d) => s + d.days, 0),
        completed: completed.length,
        meanImpact: rated.length ? rated.reduce((s, d) => s + d.impactRating!, 0) / rated.length : null,
      };
    })
    .sort((a, b) => b.days - a.days || (a.label < b.label ? -1 : 1));
}

/** Who may have the board report: the trust's improvement lead and ADMIN. */
export async function boardReport(viewer: Viewer, trustId: string, termLabel: string, now = new Date()): Promise<BoardReport> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError("the board report is for the trust's improvement lead and ADMIN");
  const term = parseTermLabel(termLabel);
  if (!term) throw new InvalidInputError(`term: "${termLabel}" is not a term; give the calendar year and the season, e.g. 2026-autumn, 2027-spring or 2027-summer`, 'term');
  if (!mayRecordFor(viewer, trustId)) throw new ForbiddenError("the board report is for the trust's own improvement lead and ADMIN");
  const loaded = await loadTrust(trustId);

  const academies = new Map(loaded.academies.map((a) => [a._id.toString(), a]));
  const hubNames = new Map(loaded.clusters.map((c) => [c._id.toString(), c.name]));
  const homeOf = new Map(loaded.staff.map((s) => [s._id.toString(), s.homeAcademyId.toString()]));
  const inTrust = (id: string | null | undefined) => !!id && academies.has(id);
  const supporterSchool = (d: (typeof loaded.deployments)[number]) => (d.staffId ? homeOf.get(d.staffId.toString()) : d.supportingAcademyId?.toString());

  const inTheTerm = loaded.deployments.filter((d) => DELIVERED.has(d.status) && inTerm(supportDateOf(d), term));
  const received = inTheTerm.filter((d) => inTrust(d.receivingAcademyId.toString()));

  const byHub = new Map<string, typeof received>();
  const byArea = new Map<string, typeof received>();
  for (const d of received) {
    const clusterId = academies.get(d.receivingAcademyId.toString())?.clusterId?.toString();
    const hub = (clusterId && hubNames.get(clusterId)) || NO_HUB;
    byHub.set(hub, [...(byHub.get(hub) ?? []), d]);
    const area = expertiseAreaInfo(d.area as ExpertiseArea).label;
    byArea.set(area, [...(byArea.get(area) ?? []), d]);
  }
  const completed = received.filter((d) => d.status === 'COMPLETED');
  const impactCounts: [number, number, number, number] = [0, 0, 0, 0];
  for (const d of completed) if (d.impactRating) impactCounts[d.impactRating - 1]! += 1;

  const facts = maturityFacts(loaded.records, term.schoolYear);
  const proposals = new Map(proposeStages(facts).map((p) => [p.step as MaturityStep, p]));
  const assessments = await assessmentsOf(trustId);
  const maturity: MaturityRow[] = MATURITY_TOOL.map((definition) => {
    const history = assessments.filter((a) => a.step === definition.step);
    const latest = history[0];
    return {
      step: definition.step,
      label: definition.label,
      title: definition.title,
      recorded: latest
        ? { stage: latest.stage, at: latest.assessedAt, decision: decisionOf(latest), proposedStage: (latest.proposedStage as MaturityStage | null) ?? null, evidence: latest.evidence }
        : null,
      previousStage: history[1]?.stage ?? null,
      proposal: (PROPOSED_STEPS as readonly string[]).includes(definition.step) ? (proposals.get(definition.step) ?? null) : null,
    };
  });

  return {
    trust: { id: trustId, name: loaded.trust.name },
    term,
    generatedAt: now,
    totals: {
      deployments: received.length,
      days: received.reduce((s, d) => s + d.days, 0),
      completed: completed.length,
      schoolsSupported: new Set(received.map((d) => d.receivingAcademyId.toString())).size,
    },
    byHub: rows(byHub),
    byArea: rows(byArea),
    impactCounts,
    impactTotal: completed.filter((d) => d.impactRating && d.impactEvidence).length,
    impact: completed
      .filter((d) => d.impactRating && d.impactEvidence)
      .sort((a, b) => b.impactRating! - a.impactRating! || b.days - a.days || String(a._id).localeCompare(String(b._id)))
      .slice(0, IMPACT_ITEMS)
      .map((d) => ({
        school: academies.get(d.receivingAcademyId.toString())?.name ?? '',
        area: expertiseAreaInfo(d.area as ExpertiseArea).label,
        days: d.days,
        rating: d.impactRating!,
        evidence: d.impactEvidence!,
      })),
    beyond: {
      daysGiven: inTheTerm.filter((d) => inTrust(supporterSchool(d)) && !inTrust(d.receivingAcademyId.toString())).reduce((s, d) => s + d.days, 0),
      daysReceived: received.filter((d) => !inTrust(supporterSchool(d))).reduce((s, d) => s + d.days, 0),
    },
    maturity,
  };
}
