// The requests measured: rankCandidates (STAFF) for many needs, rankNeedsForStaff for many
// staff, and a nested page of 50 needs with academy, hub, lead academy and trust.
import { encodeGlobalId } from '../../server/auth/global-id';
import { body } from './http';
import type { RankingInputs } from './inputs';

const NESTED_PAGE = `query NestedPage { needs(first: 50) { edges { cursor node { id area severity priority daysRequested academy { id name fsmPercent ofstedRating cluster { id name leadAcademy { id name } trust { id name } } trust { id name } } } } pageInfo { hasNextPage endCursor } } }`;
const RANK_CANDIDATES = `query RankCandidates($needId: ID!) { rankCandidates(needId: $needId, kind: STAFF, first: 10) { eligibleCount consideredCount exclusions { reason count } candidates { rank score distanceKm candidate { ... on StaffMember { id name homeAcademy { id name } } } factors { name weight value contribution } } } }`;
const RANK_NEEDS = `query RankNeedsForStaff($staffId: ID!) { rankNeedsForStaff(staffId: $staffId, first: 10) { rank score distanceKm need { id area severity priority academy { id name fsmPercent } } factors { name contribution } } }`;

/** Request bodies, ready to post. */
export interface BenchRequests {
  nestedPage: string;
  rankCandidates: string[];
  rankNeedsForStaff: string[];
  /** The same queries for needs and staff not in the samples above, each to be asked for once. */
  rankCandidatesFirstTime: string[];
  rankNeedsForStaffFirstTime: string[];
}

const rankCandidatesBody = (id: string) => body(RANK_CANDIDATES, { needId: encodeGlobalId('ImprovementNeed', id) });
const rankNeedsBody = (id: string) => body(RANK_NEEDS, { staffId: encodeGlobalId('StaffMember', id) });

export function benchRequests(inputs: RankingInputs): BenchRequests {
  return {
    nestedPage: body(NESTED_PAGE),
    rankCandidates: inputs.needSample.map(rankCandidatesBody),
    rankNeedsForStaff: inputs.staffSample.map(rankNeedsBody),
    rankCandidatesFirstTime: (inputs.freshNeeds ?? []).map(rankCandidatesBody),
    rankNeedsForStaffFirstTime: (inputs.freshStaff ?? []).map(rankNeedsBody),
  };
}
