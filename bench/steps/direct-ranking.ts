// Step 5 (issue 3.7): the ranking service called directly for the sampled needs, one after
// another: p50/p95 and the share of time getting the facts versus scoring.
import { performance } from 'node:perf_hooks';
import { rankCandidates, setRankingsKept } from '../../server/services/ranking';
import { log, ms } from './log';
import type { CommandCounter } from './monitors';

export interface DirectRankingStats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  /** The same needs ranked afresh (rankings not kept), after the pools are built: what a first look at a need costs. */
  firstTime: { p50: number; p95: number; max: number };
  /** Share of the time getting the facts (the rest is scoring). */
  dbShare: number;
  dbP50: number;
  scoringP50: number;
  scoringP95: number;
  commandsPerRanking: number;
}

interface Timing {
  total: number;
  db: number;
  scoring: number;
}

export async function rankDirectly(needIds: readonly string[], counter: CommandCounter): Promise<DirectRankingStats> {
  log(`direct ranking: rankCandidates for ${needIds.length} needs, one after another`);
  counter.reset();
  const direct: Timing[] = [];
  const now = new Date();
  for (const id of needIds) {
    const t = performance.now();
    const view = await rankCandidates(id, 'STAFF', 10, now);
    const total = performance.now() - t;
    if (view) direct.push({ total, db: view.timings.databaseMs, scoring: view.timings.scoringMs });
  }
  const commands = counter.total();
  // Again with nothing kept: the ranking itself, as a lead's first look at each need costs.
  const afresh: number[] = [];
  setRankingsKept(false);
  try {
    for (const id of needIds) {
      const t = performance.now();
      if (await rankCandidates(id, 'STAFF', 10, now)) afresh.push(performance.now() - t);
    }
  } finally {
    setRankingsKept(true);
  }
  const stats = { ...summarise(direct, commands), firstTime: { p50: percentile(afresh, 50), p95: percentile(afresh, 95), max: percentile(afresh, 100) } };
  log(
    `direct ranking: p50 ${ms(stats.p50)} ms, p95 ${ms(stats.p95)} ms, max ${ms(stats.max)} ms; ` +
      `${(stats.dbShare * 100).toFixed(0)}% getting the facts, ${((1 - stats.dbShare) * 100).toFixed(0)}% scoring; ${ms(stats.commandsPerRanking)} round trips each; ` +
      `ranked afresh (nothing kept): p50 ${ms(stats.firstTime.p50)} ms, p95 ${ms(stats.firstTime.p95)} ms`,
  );
  return stats;
}

function summarise(direct: readonly Timing[], commands: number): Omit<DirectRankingStats, 'firstTime'> {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    n: direct.length,
    p50: percentile(direct.map((d) => d.total), 50),
    p95: percentile(direct.map((d) => d.total), 95),
    max: percentile(direct.map((d) => d.total), 100),
    dbShare: sum(direct.map((d) => d.db)) / sum(direct.map((d) => d.db + d.scoring)),
    dbP50: percentile(direct.map((d) => d.db), 50),
    scoringP50: percentile(direct.map((d) => d.scoring), 50),
    scoringP95: percentile(direct.map((d) => d.scoring), 95),
    commandsPerRanking: commands / (direct.length || 1),
  };
}

/** Nearest-rank percentile; NaN for no values. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
