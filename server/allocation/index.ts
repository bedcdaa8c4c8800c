// The pure allocation core: plain data in, a plan out. No database, no GraphQL.
export * from './types';
export { planAllocation, DEFAULT_TIME_LIMIT_SECONDS, DEFAULT_UNKNOWN_FSM_PERCENT } from './plan';
export { greedyAllocation, type GreedyOptions } from './greedy';
export { computeFairness, fsmGroup, fsmQuintileCutPoints, DEFAULT_FSM_CUT_POINTS } from './fairness';
export { DEFAULT_TOP_K, MIN_DAY_VALUE } from './prepare';
export { loadAllocationSolver } from './solver';
