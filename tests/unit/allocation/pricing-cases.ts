// Hand-worked pricing instances shared by the planner's tests with and without a budget.
// Each left-out pair (topK 1) either is or is not worth adding by its reduced cost
// value - u_need - v_supporter - dayCost * w_budget; the comments give the duals.
import type { AllocationInput } from '../../../server/allocation';
import { need, pair, supporter } from './support';

/** A (1 day) is served by X (2 days): u_A = 0.9. A/Y (0.5) has reduced cost 0.5 - 0.9 < 0. */
export const paidByNeedDual: AllocationInput<unknown> = {
  needs: [need('A', 1, 1)],
  supporters: [supporter('X', 2, 0), supporter('Y', 2, 0)],
  pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5)],
};

/** X's 2 days go to A (wants 3): u_A = 0, v_X = 0.9. B/X (0.3) has 0.3 - u_B 0.5 - 0.9 < 0. */
export const paidBySupporterDual: AllocationInput<unknown> = {
  needs: [need('A', 1, 3), need('B', 1, 2)],
  supporters: [supporter('X', 2, 0), supporter('Y', 5, 0)],
  pairs: [pair('A', 'X', 0.9), pair('B', 'Y', 0.5), pair('B', 'X', 0.3)],
};

/**
 * Priced by reduced cost, not by fit: B takes Y's one day at 0.4 (v_Y = 0.4), so for A
 * Y (0.6 - 0.4 = 0.2) is worth less than Z (0.5 - 0 = 0.5). With topK 1 the first round
 * adds Z alone; after it nothing is left (u_A = 0.5, v_X = 0.4: A/Y at 0.6 - 0.9 < 0).
 * Plan: A/X 1, A/Z 4, B/Y 1 (3.3).
 */
export const byReducedCostNotFit: AllocationInput<unknown> = {
  needs: [need('A', 1, 5), need('B', 1, 2)],
  supporters: [supporter('X', 1, 0), supporter('Y', 1, 0), supporter('Z', 5, 0)],
  pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.6), pair('A', 'Z', 0.5), pair('B', 'Y', 0.4)],
};

/**
 * A day of A/Y is worth 1e-7, below MIN_DAY_VALUE: not a usable pair, so never priced in,
 * though with u_A = 0 and v_Y = 0 its reduced cost would be positive.
 */
export const worthlessLeftOut: AllocationInput<unknown> = {
  needs: [need('A', 1, 3), need('B', 1, 1)],
  supporters: [supporter('X', 1, 0), supporter('Y', 5, 0)],
  pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 1e-7), pair('B', 'Y', 0.5)],
};

/**
 * The bound leaves out a pair to a supporter with no days (A/Z, worth 1) and one worth less
 * than MIN_DAY_VALUE a day (W/X); V has no pairs at all. Only A's row binds: u_A = 0.5,
 * bound 2 x 0.5 = 1.
 */
export const boundSkips: AllocationInput<unknown> = {
  needs: [need('A', 1, 2), need('W', 1e-7, 4)],
  supporters: [supporter('X', 3, 100), supporter('Z', 0, 100), supporter('V', 4, 100)],
  pairs: [pair('A', 'X', 0.5), pair('A', 'Z', 1), pair('W', 'X', 1)],
};

/**
 * E's day is worth exactly MIN_DAY_VALUE (1e-6): usable, so planned and in the bound. X keeps
 * a day (v_X = 0): u_A = 0.5, u_E = 1e-6, bound 2 x 0.5 + 1e-6, the plan's objective.
 */
export const worthExactlyMin: AllocationInput<unknown> = {
  needs: [need('A', 1, 2), need('E', 1e-6, 1)],
  supporters: [supporter('X', 4, 100)],
  pairs: [pair('A', 'X', 0.5), pair('E', 'X', 1)],
};

/**
 * Two left-out pairs with the same reduced cost: A (3 days) is served by X (1 day); Y and Z
 * (5 days each) are both worth 0.5 on A, and with A short of days u_A = 0, so both price at
 * 0.5. With topK 1 one pair is added per need and round: the first in canonical order (equal
 * fit, so by supporter id), Y. After it A is full (u_A = 0.5, Y has days to spare) and A/Z
 * prices at 0. Plan: A/X 1, A/Y 2.
 */
export const tiedReducedCost: AllocationInput<unknown> = {
  needs: [need('A', 1, 3)],
  supporters: [supporter('X', 1, 0), supporter('Y', 5, 0), supporter('Z', 5, 0)],
  pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5), pair('A', 'Z', 0.5)],
};
