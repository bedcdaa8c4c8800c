// Network: same cluster (hub) beats same trust beats outside, because support works best
// along "clear lines of accountability" (CST 2021) and ASPIRE-style hubs put an executive
// head in charge of improvement across the hub (Ofsted 2016).
import type { RankingConfig } from '../config';
import { clamp01 } from '../numbers';
import type { AcademyProfile } from '../types';
import type { Factor, FitInput } from './factor';

type Grouping = Pick<AcademyProfile, 'trustId' | 'clusterId'>;
type Tie = 'sameCluster' | 'sameTrust' | 'outside';

/** A null id is "no cluster" / "standalone", never a match with another null. */
export function networkTie(needAcademy: Grouping, homeAcademy: Grouping): Tie {
  if (needAcademy.clusterId !== null && needAcademy.clusterId === homeAcademy.clusterId) return 'sameCluster';
  if (needAcademy.trustId !== null && needAcademy.trustId === homeAcademy.trustId) return 'sameTrust';
  return 'outside';
}

export function networkValue(needAcademy: Grouping, homeAcademy: Grouping, config: RankingConfig): number {
  return clamp01(config.network[networkTie(needAcademy, homeAcademy)]);
}

export function networkDetail(needAcademy: Grouping, homeAcademy: Grouping): string {
  switch (networkTie(needAcademy, homeAcademy)) {
    case 'sameCluster':
      return 'same cluster (hub)';
    case 'sameTrust':
      return 'same trust, different cluster';
    case 'outside':
      return needAcademy.trustId === null || homeAcademy.trustId === null
        ? 'outside any shared trust (a standalone school is involved)'
        : 'different trust';
  }
}

export const network: Factor<FitInput> = {
  name: 'network',
  value: ({ need, supporter, config }) => networkValue(need.academy, supporter.homeAcademy, config),
  detail: ({ need, supporter }) => networkDetail(need.academy, supporter.homeAcademy),
};
