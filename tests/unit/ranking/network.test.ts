// The network factor's rules (README, "Ranking weights"): support travels best along lines
// of accountability, so the same cluster (hub) beats the same trust, which beats outside;
// a missing cluster or trust ("no hub", "standalone") is never a shared one; the value
// shown is the configured one for the tie, clamped into [0, 1]; the sentence names the tie.
import fc from 'fast-check';
import {
  DEFAULT_RANKING_CONFIG as C,
  network,
  networkDetail,
  networkTie,
  networkValue,
  type RankingConfig,
} from '../../../server/ranking';
import { arbAcademy } from './arbitraries';
import { academy, need, NOW, supporter } from './fixtures';

const at = (trustId: string | null, clusterId: string | null) => academy({ trustId, clusterId });

/** Distinct values for each tie, so swapping two ties changes the answer. */
const distinct: RankingConfig = { ...C, network: { sameCluster: 0.9, sameTrust: 0.5, outside: 0.1 } };

describe('networkTie: the closest grouping two schools share', () => {
  it('same cluster when both name the same cluster', () => {
    expect(networkTie(at('t1', 'c1'), at('t1', 'c1'))).toBe('sameCluster');
  });

  it('same trust when the trust matches but the clusters differ or one school has none', () => {
    expect(networkTie(at('t1', 'c1'), at('t1', 'c2'))).toBe('sameTrust');
    expect(networkTie(at('t1', 'c1'), at('t1', null))).toBe('sameTrust');
    expect(networkTie(at('t1', null), at('t1', 'c1'))).toBe('sameTrust');
  });

  it('two schools in a trust without clusters (both null) share the trust, not a cluster', () => {
    expect(networkTie(at('t1', null), at('t1', null))).toBe('sameTrust');
  });

  it('two standalone schools (null trust, null cluster) share nothing', () => {
    expect(networkTie(at(null, null), at(null, null))).toBe('outside');
  });

  it('different trusts share nothing', () => {
    expect(networkTie(at('t1', 'c1'), at('t2', 'c3'))).toBe('outside');
    expect(networkTie(at('t1', null), at(null, null))).toBe('outside');
  });

  it('is symmetric: who helps whom does not change the tie (random schools)', () => {
    fc.assert(
      fc.property(arbAcademy, arbAcademy, (a, b) => {
        expect(networkTie(a, b)).toBe(networkTie(b, a));
      }),
    );
  });

  it('matches a plain restatement of the rule (random schools)', () => {
    fc.assert(
      fc.property(arbAcademy, arbAcademy, (a, b) => {
        const sharedCluster = a.clusterId !== null && b.clusterId !== null && a.clusterId === b.clusterId;
        const sharedTrust = a.trustId !== null && b.trustId !== null && a.trustId === b.trustId;
        expect(networkTie(a, b)).toBe(sharedCluster ? 'sameCluster' : sharedTrust ? 'sameTrust' : 'outside');
      }),
    );
  });
});

describe('networkValue: the configured value of the tie', () => {
  it('uses each tie’s own configured value', () => {
    expect(networkValue(at('t1', 'c1'), at('t1', 'c1'), distinct)).toBe(0.9);
    expect(networkValue(at('t1', 'c1'), at('t1', 'c2'), distinct)).toBe(0.5);
    expect(networkValue(at('t1', 'c1'), at('t2', 'c2'), distinct)).toBe(0.1);
  });

  it('clamps a configured value outside [0, 1], so a score stays in [0, 1]', () => {
    const wild: RankingConfig = { ...C, network: { sameCluster: 1.5, sameTrust: 0.5, outside: -0.2 } };
    expect(networkValue(at('t1', 'c1'), at('t1', 'c1'), wild)).toBe(1);
    expect(networkValue(at('t1', 'c1'), at('t2', 'c2'), wild)).toBe(0);
  });

  it('never ranks a looser tie above a closer one under the defaults (random schools)', () => {
    const order = { outside: 0, sameTrust: 1, sameCluster: 2 } as const;
    fc.assert(
      fc.property(arbAcademy, arbAcademy, arbAcademy, (needAt, x, y) => {
        if (order[networkTie(needAt, x)] > order[networkTie(needAt, y)]) {
          expect(networkValue(needAt, x, C)).toBeGreaterThan(networkValue(needAt, y, C));
        }
      }),
    );
  });
});

describe('networkDetail: the sentence names the tie', () => {
  it('names each tie', () => {
    expect(networkDetail(at('t1', 'c1'), at('t1', 'c1'))).toBe('same cluster (hub)');
    expect(networkDetail(at('t1', 'c1'), at('t1', 'c2'))).toBe('same trust, different cluster');
    expect(networkDetail(at('t1', 'c1'), at('t2', 'c3'))).toBe('different trust');
  });

  it('says when a standalone school is involved, on either side', () => {
    const standalone = 'outside any shared trust (a standalone school is involved)';
    expect(networkDetail(at(null, null), at('t1', 'c1'))).toBe(standalone);
    expect(networkDetail(at('t1', 'c1'), at(null, null))).toBe(standalone);
    expect(networkDetail(at(null, null), at(null, null))).toBe(standalone);
  });
});

describe('the network factor compares the need’s school with the supporter’s home school', () => {
  it('reads need.academy and supporter.homeAcademy', () => {
    const n = need({ academy: academy({ trustId: 't1', clusterId: 'c1' }) });
    const s = supporter({ homeAcademy: academy({ id: 'home', trustId: 't1', clusterId: 'c2' }) });
    const input = { need: n, supporter: s, distanceKm: null, now: NOW, config: distinct };
    expect(network.name).toBe('network');
    expect(network.value(input)).toBe(0.5);
    expect(network.detail(input)).toBe('same trust, different cluster');
  });
});
