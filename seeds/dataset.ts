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
  capacityDays: number;
  daysCommitted: number;
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
