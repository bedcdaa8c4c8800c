// Allocation benchmark: 1,000 open needs, 10,000 supporters, a few hundred eligible pairs
// per need. Deterministic data (seeded PRNG), no database. Run:
//   npx tsx bench/allocation-bench.ts            (default seed 20240901)
//   npx tsx bench/allocation-bench.ts --seed 7 --full
// --full also hands the solver every usable pair at once (125,000 to 320,000 columns), to
// compare with pricing.
import { createPrng } from '../seeds/prng';
import {
  greedyAllocation,
  loadAllocationSolver,
  planAllocation,
  type AllocationInput,
  type AllocationNeed,
  type AllocationOptions,
  type AllocationPair,
  type AllocationPlan,
  type AllocationSupporter,
} from '../server/allocation';

const NEEDS = 1_000;
const SUPPORTERS = 10_000;
const REGIONS = 9;
const AREAS = 12;

interface Scenario {
  readonly name: string;
  /** Share of supporters with no days left. */
  readonly booked: number;
  /** Remaining days of the others: uniform integer in [1, maxDays]. */
  readonly maxDays: number;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'ample: supply about 4.4x demand', booked: 0.35, maxDays: 15 },
  { name: 'scarce: supply under half of demand', booked: 0.75, maxDays: 3 },
];

export function generate(seed: number, scenario: Scenario): AllocationInput<string> {
  const { next: rnd } = createPrng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pad = (i: number, w: number) => String(i).padStart(w, '0');

  // Supporters: a home region, one to three expertise areas (the first is their main one),
  // a quality (track record) shared by all their pairs, and remaining days: a share of them
  // fully booked, the rest with 1 to maxDays days.
  const supporters: AllocationSupporter[] = [];
  const quality: number[] = [];
  const byRegionArea: { index: number; main: boolean }[][] = Array.from({ length: REGIONS * AREAS }, () => []);
  for (let j = 0; j < SUPPORTERS; j++) {
    const region = int(0, REGIONS - 1);
    const areaCount = int(1, 3);
    const areas = new Set<number>();
    while (areas.size < areaCount) areas.add(int(0, AREAS - 1));
    [...areas].forEach((area, k) => byRegionArea[region * AREAS + area]!.push({ index: j, main: k === 0 }));
    quality.push(0.3 + 0.7 * Math.sqrt(rnd()));
    supporters.push({ id: `staff-${pad(j, 5)}`, remainingDays: rnd() < scenario.booked ? 0 : int(1, scenario.maxDays) });
  }

  // Needs: a region and an area; FSM skewed like English schools (most 5-35%, a tail to
  // ~70%), 5% unknown; priority grows with severity, FSM (saturating at 40%) and waiting.
  const needs: AllocationNeed[] = [];
  const pairs: AllocationPair<string>[] = [];
  for (let i = 0; i < NEEDS; i++) {
    const region = int(0, REGIONS - 1);
    const area = int(0, AREAS - 1);
    const fsm = rnd() < 0.05 ? null : Math.round(10 * (3 + 67 * rnd() ** 2.2)) / 10;
    const severity = [0.25, 0.5, 0.75, 1][int(0, 3)]!;
    const disadvantage = Math.min(1, (fsm ?? 25) / 40);
    const waiting = rnd();
    const priority = Math.min(1, 0.45 * severity + 0.35 * disadvantage + 0.2 * waiting);
    const need: AllocationNeed = { id: `need-${pad(i, 4)}`, priority, daysOutstanding: int(2, 20), fsmPercent: fsm };
    needs.push(need);
    // Eligible: the area's experts in the need's region and the two neighbouring regions
    // (a ring, standing in for travel limits), minus a few excluded by other hard constraints.
    for (const dr of [0, 1, REGIONS - 1]) {
      const r = (region + dr) % REGIONS;
      for (const { index, main } of byRegionArea[r * AREAS + area]!) {
        if (rnd() < 0.1) continue;
        const proximity = dr === 0 ? 1 : 0.55;
        const fit = 0.45 * quality[index]! + 0.2 * (main ? 1 : 0.6) + 0.2 * proximity + 0.15 * rnd();
        pairs.push({ needId: need.id, supporterId: supporters[index]!.id, fit: Math.min(1, fit), explanation: `r${dr}` });
      }
    }
  }
  return { needs, supporters, pairs };
}

function fmt(x: number, digits = 1): string {
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pct(a: number, b: number): string {
  return `${a >= b ? '+' : ''}${fmt((100 * (a - b)) / b, 2)}%`;
}

async function timed<T>(f: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await f();
  return { result, ms: performance.now() - t };
}

function describe(label: string, ms: number, plan: AllocationPlan<unknown>, reference: number): void {
  const s = plan.stats;
  const unmetByReason = new Map<string, number>();
  for (const u of plan.unmet) unmetByReason.set(u.reason, (unmetByReason.get(u.reason) ?? 0) + 1);
  console.log(
    `${label.padEnd(34)} ${fmt(ms, 0).padStart(7)} ms (solver ${fmt(s.solveMs, 0).padStart(6)} ms)  objective ${fmt(plan.objective, 3).padStart(10)}` +
      `  vs plan ${pct(plan.objective, reference).padStart(8)}  vars ${String(s.variables).padStart(6)}  rows ${String(s.constraints).padStart(5)}` +
      `  days ${plan.fairness.totalAllocatedDays}  unmet needs ${plan.unmet.length} (${[...unmetByReason].map(([r, n]) => `${r} ${n}`).join(', ')})` +
      (s.toppedUpDays ? `  topped up ${s.toppedUpDays}` : ''),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function runScenario(seed: number, scenario: Scenario, full: boolean, first: boolean): Promise<void> {
  const { result: input, ms: genMs } = await timed(() => generate(seed, scenario));
  const requested = input.needs.reduce((a, n) => a + n.daysOutstanding, 0);
  const supply = input.supporters.reduce((a, s) => a + s.remainingDays, 0);
  const perNeed = input.pairs.length / input.needs.length;
  console.log(`\n=== ${scenario.name} (seed ${seed})`);
  console.log(`${input.needs.length} needs (${requested} days requested), ${input.supporters.length} supporters (${supply} days available), ` +
    `${input.pairs.length} eligible pairs (${fmt(perNeed, 0)} per need), generated in ${fmt(genMs, 0)} ms\n`);

  const run = (options: AllocationOptions) => timed(() => planAllocation(input, options));
  // The first solve in a process is slower (WebAssembly tier-up); report it, then the median of 3.
  const cold = await run({});
  const warm = [await run({}), await run({}), await run({})];
  const plan = warm[0]!;
  const planMs = median(warm.map((w) => w.ms));
  const ref = plan.result.objective;
  const greedy = await timed(() => greedyAllocation(input));
  const greedyTop = await timed(() => greedyAllocation(input, { topK: 25 }));
  if (first) describe('plan (default), first in process', cold.ms, cold.result, ref);
  describe('plan (default), median of 3', planMs, plan.result, ref);
  describe('greedy (all pairs)', greedy.ms, greedy.result, ref);
  describe('greedy (top-25 pairs only)', greedyTop.ms, greedyTop.result, ref);
  const noTie = await run({ fsmTieBreak: false });
  describe('plan, no FSM tie-break', noTie.ms, noTie.result, ref);
  const noPricing = await run({ pricing: false, fsmTieBreak: false });
  describe('LP on top-25 only (no pricing)', noPricing.ms, noPricing.result, ref);
  const mip = await run({ mode: 'mip' });
  describe('MIP on top-25 only', mip.ms, mip.result, ref);
  for (const k of [10, 50]) {
    const r = await run({ topK: k });
    describe(`plan, pricing from K=${k}`, r.ms, r.result, ref);
  }
  if (full) {
    const r = await run({ topK: Infinity, fsmTieBreak: false });
    describe('LP on all pairs at once', r.ms, r.result, ref);
  }

  const same = warm.every((w) => JSON.stringify(w.result.assignments) === JSON.stringify(plan.result.assignments));
  const p = plan.result;
  const bound = p.lpBound ?? NaN;
  console.log(`\nplan: ${fmt(planMs, 0)} ms (first in process ${fmt(cold.ms, 0)} ms); solver ${fmt(p.stats.solveMs, 0)} ms: main LP with pricing ${fmt(p.stats.solveMs - (p.stats.tieBreak?.solveMs ?? 0), 0)} ms, ` +
    `tie-break LP ${fmt(p.stats.tieBreak?.solveMs ?? 0, 0)} ms on ${p.stats.tieBreak?.variables ?? 0} columns (applied: ${p.stats.tieBreak?.applied ?? false})`);
  console.log(`variables ${p.stats.variables}, constraints ${p.stats.constraints}; pairs: ${p.stats.inputPairs} input, ${p.stats.unusablePairs} unusable, ` +
    `${p.stats.prunedPairs} never modelled, ${p.stats.consideredPairs} modelled`);
  console.log(`objective ${fmt(p.objective, 3)} vs greedy ${fmt(greedy.result.objective, 3)}: plan ${pct(p.objective, greedy.result.objective)}`);
  console.log(`LP bound (whole problem's LP relaxation, dual certificate) ${fmt(bound, 6)}: gap ${(bound - p.objective).toExponential(1)}; ` +
    `without pricing: objective ${fmt(noPricing.result.objective, 3)}, bound ${fmt(noPricing.result.lpBound ?? NaN, 3)}`);
  console.log(`pricing: ${p.stats.pricing?.rounds} rounds, ${p.stats.pricing?.addedColumns} columns added, converged ${p.stats.pricing?.converged}`);
  console.log(`LP objective ${fmt(p.stats.lpObjective ?? NaN, 6)} vs integer plan ${fmt(p.objective, 6)}; topped-up days ${p.stats.toppedUpDays}; solver: ${p.stats.solver}`);
  console.log(`deterministic re-runs identical: ${same}`);
  console.log('\nfairness: group, requested share | allocated share plan / greedy | fill rate plan / greedy');
  p.fairness.groups.forEach((g, i) => {
    const gg = greedy.result.fairness.groups[i]!;
    const fill = (x: number | null) => (x === null ? '    -' : `${fmt(100 * x).padStart(5)}%`);
    console.log(`  ${g.group.padEnd(7)} ${g.label.padEnd(12)} needs ${String(g.needs).padStart(4)}  requested ${fmt(100 * g.requestedShare).padStart(5)}%` +
      ` | allocated ${fmt(100 * g.allocatedShare).padStart(5)}% / ${fmt(100 * gg.allocatedShare).padStart(5)}% | fill ${fill(g.fillRate)} / ${fill(gg.fillRate)}`);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedArg = args.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 20240901;
  const full = args.includes('--full');
  const { ms: loadMs } = await timed(() => loadAllocationSolver());
  console.log(`node ${process.version}; HiGHS runtime load (once per process): ${fmt(loadMs, 0)} ms`);
  let first = true;
  for (const scenario of SCENARIOS) {
    await runScenario(seed, scenario, full, first);
    first = false;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
