// What a ranking reads, as one interface with two implementations: the database through its
// indexes (./database.ts, MongoDB) and the in-process copies (./copies.ts, FerretDB). Which
// one serves is decided in ./index.ts and nowhere else. Both give the same answers (held to
// it by tests/api/read-copies.test.ts); the copies keep per-area pools ready between requests.
import type { SchoolYear } from '../../domain/school-year';
import type { ExpertiseArea } from '../../domain/taxonomy';
import type { PrefilteredExclusions } from '../../ranking/pools';
import type { TravelIndex } from '../../ranking/travel-index';
import type { CandidateRankingResult, NeedProfile, SupporterProfile } from '../../ranking/types';
import type { RankingMemo } from './ranking-memo';
import type { AcademyDoc, NeedDoc, StaffDoc } from '../store';

export interface Supporter<T> {
  profile: SupporterProfile;
  doc: T;
}

/** The candidates loaded for a need, and the exclusions of those left out (ranking/pools.ts). */
export interface CandidatePool<T> {
  supporters: Supporter<T>[];
  /** The supporters' profiles, when already listed (shared: do not change). */
  profiles?: SupporterProfile[];
  /** Those profiles indexed by travel range (ranking/travel-index.ts), when kept with the pool. */
  travelIndex?: TravelIndex;
  leftOut: PrefilteredExclusions;
  /**
   * Rankings made from this pool, kept while it lives (./ranking-memo.ts): only where the
   * pool itself is kept between requests (the copies).
   */
  rankings?: RankingMemo<CandidateRankingResult>;
}

/** The open needs in some areas, with their profiles, and how many are open in all. */
export interface OpenNeeds {
  open: number;
  needs: NeedDoc[];
  profiles: NeedProfile[];
  /** The document behind one of `profiles` (without turning every need's id into a string). */
  documentOf(profile: NeedProfile): NeedDoc | undefined;
}

export interface RankingFacts {
  /** Whether these facts come from the in-process copies (for the timings' wording only). */
  readonly fromCopies: boolean;
  need(id: string): Promise<NeedDoc | null>;
  academy(id: string): Promise<AcademyDoc | null>;
  staffMember(id: string): Promise<StaffDoc | null>;
  /**
   * Staff with the area and at least `threshold` days in the school year, with their
   * profiles for the area and that year's days as their remainingDays.
   */
  staffPool(area: ExpertiseArea, threshold: number, year: SchoolYear): Promise<CandidatePool<StaffDoc>>;
  /** Academies offering support with at least `threshold` days and someone in the area. */
  academyPool(area: ExpertiseArea, threshold: number, year: SchoolYear): Promise<CandidatePool<AcademyDoc>>;
  /** The whole documents of the returned candidates (a pool may hold only the ranking's fields). */
  candidateDocuments(pool: CandidatePool<StaffDoc | AcademyDoc>, kind: 'STAFF' | 'ACADEMY', ids: ReadonlySet<string>): Promise<Map<string, StaffDoc | AcademyDoc>>;
  /** Staff as supporters, with facts limited to the areas (null: every area). */
  staffProfiles(staff: StaffDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<StaffDoc>>>;
  /** Academies as supporters (their expertise is their staff's), facts limited to the areas. */
  academyProfiles(academies: AcademyDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<AcademyDoc>>>;
  /** Open needs in these areas with their profiles (needs whose academy is missing have none). */
  openNeedsIn(areas: readonly ExpertiseArea[]): Promise<OpenNeeds>;
}
