// The loop both ranking directions share (README, "Order"; API.md counts): every pair is
// either excluded (counted once, under its first reason) or scored; considered = eligible +
// excluded; results are ordered by score, ties by key, numbered 1..n, explained, and cut to
// `first`; the top few of many come out exactly as a full sort would give them.
import {
  DEFAULT_RANKING_CONFIG as C,
  academyDistanceKm,
  rankCandidatesForNeed,
  rankNeedsForSupporter,
  scoreCandidate,
  scoreNeedForSupporter,
  type RankingConfig,
} from '../../../server/ranking';
import { firstInOrder } from '../../../server/ranking/rank-pairs';
import { academy, KM_PER_DEGREE_LATITUDE, need, NOW, supporter } from './fixtures';

const kmNorth = (km: number, id: string) =>
  academy({ id, location: { latitude: 52 + km / KM_PER_DEGREE_LATITUDE, longitude: -1 } });

describe('firstInOrder keeps the top `limit` in order, stable among equals', () => {
  const byValue = (a: { v: number }, b: { v: number }) => b.v - a.v;
  const items = Array.from({ length: 40 }, (_, i) => ({ v: (i * 7) % 5, i }));

  it('matches sort-then-slice for small limits (the buffered path)', () => {
    for (const limit of [1, 2, 3, 5, 9]) expect(firstInOrder(items, byValue, limit)).toEqual([...items].sort(byValue).slice(0, limit));
  });

  it('returns nothing for a limit of 0 or less', () => {
    expect(firstInOrder(items, byValue, 0)).toEqual([]);
    expect(firstInOrder(items, byValue, -2)).toEqual([]);
  });

  it('matches sort-then-slice for large limits, and returns everything when the limit exceeds the items', () => {
    expect(firstInOrder(items, byValue, 10)).toEqual([...items].sort(byValue).slice(0, 10));
    expect(firstInOrder(items, byValue, 100)).toEqual([...items].sort(byValue));
  });
});

describe('rankCandidatesForNeed', () => {
  const n = need();
  const near = supporter({ id: 'near', homeAcademy: kmNorth(5, 'h-near') });
  const far = supporter({ id: 'far', homeAcademy: kmNorth(30, 'h-far') });
  const twin = supporter({ id: 'a-twin', homeAcademy: kmNorth(30, 'h-twin') });
  const excluded = supporter({ id: 'busy', remainingDays: 0 });

  it('orders by score, ties by id, numbers from 1, and cuts to `first` after counting everyone', () => {
    const result = rankCandidatesForNeed(n, [far, excluded, near, twin], { now: NOW, first: 2 });
    expect(result.candidates.map((c) => [c.rank, c.supporter.id])).toEqual([
      [1, 'near'],
      [2, 'a-twin'],
    ]);
    expect([result.eligibleCount, result.consideredCount, result.exclusions.NO_CAPACITY]).toEqual([3, 4, 1]);
  });

  it('returns each candidate’s own score, explanation and distance', () => {
    const [top] = rankCandidatesForNeed(n, [near], { now: NOW, first: 1 }).candidates;
    const d = academyDistanceKm(n.academy, near.homeAcademy);
    expect(top!.distanceKm).toBeCloseTo(5, 9);
    expect(top!.score).toBe(scoreCandidate(n, near, d, NOW, C).score);
    expect(top!.factors).toEqual(scoreCandidate(n, near, d, NOW, C).factors);
    expect(top!.supporter).toBe(near);
  });

  it('uses the configuration given, else the defaults', () => {
    const proximityOnly: RankingConfig = {
      ...C,
      candidateWeights: { expertiseFit: 0, trackRecord: 0, proximity: 1, network: 0, sustainability: 0, context: 0 },
    };
    const [top] = rankCandidatesForNeed(n, [far], { now: NOW, first: 1, config: proximityOnly }).candidates;
    expect(top!.score).toBeCloseTo(10 / 40, 9);
    const [plain] = rankCandidatesForNeed(n, [far], { now: NOW, first: 1 }).candidates;
    expect(plain!.factors).toHaveLength(6);
  });
});

describe('rankNeedsForSupporter', () => {
  const s = supporter({ homeAcademy: kmNorth(0, 'home') });
  const urgent = need({ id: 'need-b', severity: 'CRITICAL', academy: kmNorth(10, 'school-b') });
  const mild = need({ id: 'need-c', severity: 'LOW', academy: kmNorth(10, 'school-c') });
  const twin = need({ id: 'need-a', severity: 'LOW', academy: kmNorth(10, 'school-a') });
  const elsewhere = need({ id: 'need-d', area: 'ENGLISH', academy: kmNorth(10, 'school-d') });

  it('orders by score, ties by need id, numbers from 1, and counts everyone', () => {
    const result = rankNeedsForSupporter(s, [mild, elsewhere, urgent, twin], { now: NOW, first: 10 });
    expect(result.needs.map((r) => [r.rank, r.need.id])).toEqual([
      [1, 'need-b'],
      [2, 'need-a'],
      [3, 'need-c'],
    ]);
    expect([result.eligibleCount, result.consideredCount, result.exclusions.NO_MATCHING_EXPERTISE]).toEqual([3, 4, 1]);
  });

  it('returns each need’s own score, explanation and distance', () => {
    const [top] = rankNeedsForSupporter(s, [urgent], { now: NOW, first: 1 }).needs;
    const d = academyDistanceKm(urgent.academy, s.homeAcademy);
    expect(top!.need).toBe(urgent);
    expect(top!.distanceKm).toBeCloseTo(10, 9);
    expect(top!.score).toBe(scoreNeedForSupporter(urgent, s, d, NOW, C).score);
    expect(top!.factors).toEqual(scoreNeedForSupporter(urgent, s, d, NOW, C).factors);
  });

  it('splits the weights half fit, half priority by default', () => {
    const [top] = rankNeedsForSupporter(s, [urgent], { now: NOW, first: 1 }).needs;
    const sumOf = (fs: { weight: number }[]) => fs.reduce((t, f) => t + f.weight, 0);
    expect(sumOf(top!.factors.slice(0, 5))).toBeCloseTo(0.5, 12);
    expect(sumOf(top!.factors.slice(5))).toBeCloseTo(0.5, 12);
  });

  it('uses the configured shares: all priority means the fit factors weigh nothing', () => {
    const priorityOnly: RankingConfig = { ...C, needRanking: { fitShare: 0, priorityShare: 1 } };
    const [top] = rankNeedsForSupporter(s, [urgent], { now: NOW, first: 1, config: priorityOnly }).needs;
    expect(top!.factors.slice(0, 5).map((f) => f.weight)).toEqual([0, 0, 0, 0, 0]);
    expect(top!.factors.slice(5).map((f) => f.weight)).toEqual([0.35, 0.3, 0.2, 0.15]);
  });

  it('breaks exact score ties by id when pruning, as full scoring does: of 12 identical supporters listed from z down, the first two are the two lowest ids', () => {
    // 12 > 4 * 2, so the top-k path (not the full sort) decides; identical profiles tie to the last bit.
    const ids = 'zyxwvutsrqpo'.split('');
    const supporters = ids.map((c) => supporter({ id: `staff-${c}` }));
    const result = rankCandidatesForNeed(need(), supporters, { now: NOW, first: 2 });
    expect(result.candidates.map((c) => c.supporter.id)).toEqual(['staff-o', 'staff-p']);
    expect(result.candidates[0]!.score).toBe(result.candidates[1]!.score);
  });
});
