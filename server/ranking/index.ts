// The pure ranking model: plain data in, ranked and explained data out. No database, no
// GraphQL: services load documents, map them to these shapes and call these functions.
export * from './types';
export * from './config';
export { availableForNeed, overlapsNeedWindow, type AvailabilityWindow, type NeedWindow } from './availability';
export { EARTH_RADIUS_KM, academyDistanceKm, haversineKm, isKnownPoint } from './geo';
export {
  allExclusionReasons,
  emptyExclusionCounts,
  firstExclusionReason,
  outstandingDays,
  requiredDays,
  travelLimitKm,
} from './constraints';
export { areaLabel, type Factor, type FitInput, type PriorityInput } from './factors/factor';
export {
  expertiseFit,
  expertiseFitDetail,
  expertiseFitUpperBound,
  expertiseFitValue,
  isRelevantDesignation,
  phaseAffinity,
  relevantDesignations,
  RELATED_PHASES,
} from './factors/expertise-fit';
export { normalisedImpact, trackRecord, trackRecordDetail, trackRecordValue } from './factors/track-record';
export { proximity, proximityDetail, proximityValue } from './factors/proximity';
export { network, networkDetail, networkTie, networkValue } from './factors/network';
export { sustainability, sustainabilityDetail, sustainabilityValue } from './factors/sustainability';
export { context, contextDetail, contextValue } from './factors/context';
export {
  CANDIDATE_FACTORS,
  candidateModel,
  explain,
  needFitModel,
  normalisedWeights,
  scoreCandidate,
  scoreOf,
  totalOf,
  type Scored,
  type WeightedFactor,
} from './score';
export {
  PRIORITY_FACTORS,
  disadvantage,
  disadvantageValue,
  needPriority,
  ofstedRating,
  priorityModel,
  severity,
  waitingDays,
  waitingTime,
} from './priority';
export { inspectionOf, inspectionPriorityDetail, inspectionPriorityValue, mustNotLendStaff } from './inspection';
export { rankCandidatesByFullScoring, rankCandidatesForNeed, rankCandidatesIndexed, type RankOptions } from './rank-candidates';
export { splitByTravel, travelIndex, type TravelIndex } from './travel-index';
export { CHEAP_FACTORS } from './rank-pairs';
export { candidateBounds } from './pool-bounds';
export { needRankingModel, rankNeedsByFullScoring, rankNeedsForSupporter, scoreNeedForSupporter } from './rank-needs';
export { academiesLeftOut, needsLeftOut, poolThreshold, type PrefilteredExclusions, staffLeftOut, withLeftOut } from './pools';
export { academyExpertise, type StaffExpertise } from './academy-expertise';
