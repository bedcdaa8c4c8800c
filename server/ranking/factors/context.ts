// Context: a supporter whose school has a similar or more disadvantaged intake has shown
// their practice works there (CST 2021: moves go to schools with more disadvantaged
// pupils). Compares candidates for ONE need only; it is not used when needs are ranked
// against each other, where disadvantage may only ever pull a need up.
import type { RankingConfig } from '../config';
import { clamp01, formatNumber, knownPercent } from '../numbers';
import type { AcademyProfile } from '../types';
import type { Factor, FitInput } from './factor';

type Intake = Pick<AcademyProfile, 'fsmPercent'>;

/** Percentage points by which the need's school is MORE disadvantaged; null if unknown. */
function fsmGap(needAcademy: Intake, homeAcademy: Intake): number | null {
  const needFsm = knownPercent(needAcademy.fsmPercent);
  const homeFsm = knownPercent(homeAcademy.fsmPercent);
  return needFsm === null || homeFsm === null ? null : needFsm - homeFsm;
}

export function contextValue(needAcademy: Intake, homeAcademy: Intake, config: RankingConfig): number {
  const gap = fsmGap(needAcademy, homeAcademy);
  if (gap === null) return clamp01(config.context.unknownValue);
  const { tolerancePoints, spanPoints } = config.context;
  return gap <= tolerancePoints ? 1 : clamp01(1 - (gap - tolerancePoints) / spanPoints);
}

export function contextDetail(needAcademy: Intake, homeAcademy: Intake, config: RankingConfig): string {
  const gap = fsmGap(needAcademy, homeAcademy);
  if (gap === null) return 'free-school-meals share unknown for one school: neutral value';
  const shares = `home ${formatNumber(knownPercent(homeAcademy.fsmPercent)!)}% FSM vs ${formatNumber(knownPercent(needAcademy.fsmPercent)!)}% at the school in need`;
  return gap <= config.context.tolerancePoints
    ? `${shares}: similar or more disadvantaged intake`
    : `${shares}: home intake ${formatNumber(gap)} points less disadvantaged`;
}

export const context: Factor<FitInput> = {
  name: 'context',
  value: ({ need, supporter, config }) => contextValue(need.academy, supporter.homeAcademy, config),
  detail: ({ need, supporter, config }) => contextDetail(need.academy, supporter.homeAcademy, config),
};
