// Plain-data contract of the pure ranking code: no database, no GraphQL. Services load
// documents, turn them into these shapes, and call the scoring functions.
import type {
  CandidateKind,
  Designation,
  ExclusionReason,
  ExpertiseLevel,
  NeedSeverity,
  OfstedRating,
  Phase,
} from '../domain/enums';
import type { LatestInspection } from '../domain/inspection';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { AvailabilityWindow } from './availability';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface AcademyProfile {
  id: string;
  name: string;
  phase: Phase;
  /** The last single-word judgement (history once a report card is newer). */
  ofstedRating: OfstedRating;
  /**
   * The inspection the rules go by (domain/inspection.ts latestInspection). Absent: the
   * single-word judgement above, date unknown (profiles built before report cards existed).
   */
  inspection?: LatestInspection;
  /** The school has closed (absent: open): its staff are not lent (HOME_SCHOOL_CLOSED). */
  closed?: boolean;
  /** Percentage (0-100) of pupils eligible for free school meals; null when unknown. */
  fsmPercent: number | null;
  location: GeoPoint | null;
  trustId: string | null;
  clusterId: string | null;
}

export interface NeedProfile {
  id: string;
  academy: AcademyProfile;
  area: ExpertiseArea;
  phase: Phase;
  severity: NeedSeverity;
  daysRequested: number;
  /** Days already reserved for this need by live (proposed, agreed, active) deployments. */
  daysCovered: number;
  raisedAt: Date;
  /** When the support must happen (inclusive UTC midnights); null is open-ended on that side. */
  windowStart: Date | null;
  windowEnd: Date | null;
}

export interface ExpertiseEntry {
  area: ExpertiseArea;
  level: ExpertiseLevel;
  /** Phases the person has worked in for this area; empty means "not stated". */
  phases: Phase[];
  evidence?: string | null;
}

/**
 * Impact of one completed deployment, 1 (little) to 4 (transformational): the rating the track
 * record counts (domain/impact.ts: the mean of the supporter's and the receiving school's
 * when both rated it, so possibly a half).
 */
export interface ImpactRecord {
  area: ExpertiseArea;
  impactRating: number;
}

export interface SupporterProfile {
  kind: CandidateKind;
  /** Staff member id, or the academy id when kind is ACADEMY. */
  id: string;
  name: string;
  /** The supporter's school; for an ACADEMY supporter, the academy itself. */
  homeAcademy: AcademyProfile;
  /** For an ACADEMY supporter: the best entry per area among its staff. */
  expertise: ExpertiseEntry[];
  designations: Designation[];
  remainingDays: number;
  /** null: no stated limit. */
  maxTravelKm: number | null;
  /** null: the home school's own record is relied on; never excluded for it. */
  safeguardingCheckExpiresOn: Date | null;
  trackRecord: ImpactRecord[];
  /** Needs this supporter already has a live deployment for. */
  supportingNeedIds: string[];
  /** Areas in which the supporter's home academy has an open HIGH or CRITICAL need. */
  homeOpenHighSeverityAreas: ExpertiseArea[];
  /**
   * When the supporter is free (inclusive stretches, availability.ts); empty means always.
   * An ACADEMY supporter states none: a school plans its own cover.
   */
  availability: readonly AvailabilityWindow[];
}

export interface ScoreFactor {
  name: string;
  weight: number;
  /** In [0, 1]. */
  value: number;
  /** weight * value; a score is the sum of its factors' contributions. */
  contribution: number;
  detail: string | null;
}

export interface RankedCandidate {
  rank: number;
  supporter: SupporterProfile;
  score: number;
  factors: ScoreFactor[];
  distanceKm: number | null;
}

export type ExclusionCounts = Record<ExclusionReason, number>;

export interface CandidateRankingResult {
  candidates: RankedCandidate[];
  eligibleCount: number;
  consideredCount: number;
  exclusions: ExclusionCounts;
}

export interface RankedNeed {
  rank: number;
  need: NeedProfile;
  score: number;
  factors: ScoreFactor[];
  distanceKm: number | null;
}

export interface NeedRankingResult {
  needs: RankedNeed[];
  eligibleCount: number;
  consideredCount: number;
  exclusions: ExclusionCounts;
}

export interface NeedPriority {
  /** In [0, 1]; the sum of the factors' contributions. */
  score: number;
  factors: ScoreFactor[];
}
