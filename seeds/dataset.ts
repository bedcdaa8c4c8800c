// A plain dataset referencing records by natural keys (trust key, URN, email), written to
// the database by seeds/load.ts.
import type { Designation, ExpertiseLevel, NeedSeverity, OfstedRating, Phase, StaffRole } from '../server/domain/enums';
import type { ExpertiseArea } from '../server/domain/taxonomy';

export interface SeedTrust {
  key: string;
  name: string;
  region: string;
}

export interface SeedAcademy {
  urn: string;
  name: string;
  phase: Phase;
  ofstedRating: OfstedRating;
  fsmPercent: number | null;
  pupils: number | null;
  postcode: string;
  latitude: number;
  longitude: number;
  trustKey: string | null;
  /** Days the school as a whole offers to support others (hub leads, typically). */
  supportCapacityDays?: number;
  /** ISO date: the register (GIAS) lists the school as closed from it (status CLOSED); absent: open. */
  closedOn?: string;
}

export interface SeedCluster {
  key: string;
  name: string;
  trustKey: string;
  leadAcademyUrn: string;
  executiveHeadEmail: string;
  /** Includes the lead. */
  memberAcademyUrns: string[];
}

export interface SeedStaff {
  name: string;
  email: string;
  role: StaffRole;
  homeAcademyUrn: string;
  designations: Designation[];
  /**
   * Days offered. What is left of them is not stated here: it follows from the dataset's
   * deployments (see committedDaysByStaff), so the two can never disagree.
   */
  capacityDays: number;
  maxTravelKm: number | null;
  /** ISO date. */
  safeguardingCheckExpiresOn: string | null;
  expertise: { area: ExpertiseArea; level: ExpertiseLevel; phases: Phase[]; evidence: string | null }[];
}

export interface SeedNeed {
  academyUrn: string;
  area: ExpertiseArea;
  phase: Phase;
  severity: NeedSeverity;
  description: string;
  daysRequested: number;
  raisedDaysAgo: number;
  windowStartInDays: number | null;
  windowEndInDays: number | null;
}

export interface SeedCompletedDeployment {
  needAcademyUrn: string;
  area: ExpertiseArea;
  phase: Phase;
  staffEmail: string;
  days: number;
  impactRating: 1 | 2 | 3 | 4;
  impactEvidence: string;
  completedDaysAgo: number;
}

export interface SeedDataset {
  trusts: SeedTrust[];
  academies: SeedAcademy[];
  clusters: SeedCluster[];
  staff: SeedStaff[];
  needs: SeedNeed[];
  completedDeployments: SeedCompletedDeployment[];
}

/**
 * Days each person has given through the dataset's deployments, by lower-cased email: what
 * the loader subtracts from capacityDays. (StaffMember.daysCommitted is "days reserved by
 * proposed, agreed, active or completed deployments", so a dataset's completed support
 * counts.) A person absent from the map has given none.
 */
export function committedDaysByStaff(dataset: Pick<SeedDataset, 'completedDeployments'>): Map<string, number> {
  const committed = new Map<string, number>();
  for (const d of dataset.completedDeployments) {
    const key = d.staffEmail.toLowerCase();
    committed.set(key, (committed.get(key) ?? 0) + d.days);
  }
  return committed;
}
