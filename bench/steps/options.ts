// The bench's command line: `npm run bench [-- options]` (the options are listed in bench/run.ts).
import { parseGenerateArgs } from '../../seeds/generate-command';

export interface BenchOptions {
  academies: number;
  staff: number;
  needs: number;
  seed: number;
  reuse: boolean;
  reset: boolean;
  connections: number;
  duration: number;
  warmup: number;
  rankingSamples: number;
  skipDbPath: boolean;
  skipRestart: boolean;
  write: boolean;
  /** Where to write CPU profiles of the first-time scenarios (--profile DIR), or null. */
  profile: string | null;
  /** Where to write sampling heap profiles of the first-time scenarios (--heap-profile DIR), or null. */
  heapProfile: string | null;
}

export function parseOptions(argv: string[]): BenchOptions {
  const take = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    argv.splice(i, 2);
    return value;
  };
  const flag = (name: string): boolean => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) argv.splice(i, 1);
    return i >= 0;
  };
  const profileAt = argv.indexOf('--profile');
  const profile = profileAt >= 0 ? (argv.splice(profileAt, 2)[1] ?? null) : null;
  if (profileAt >= 0 && !profile) throw new Error('--profile needs a directory');
  const heapAt = argv.indexOf('--heap-profile');
  const heapProfile = heapAt >= 0 ? (argv.splice(heapAt, 2)[1] ?? null) : null;
  if (heapAt >= 0 && !heapProfile) throw new Error('--heap-profile needs a directory');
  const connections = take('connections', 8);
  const duration = take('duration', 15);
  const warmup = take('warmup', 3);
  const rankingSamples = take('ranking-samples', 200);
  const reuse = flag('reuse');
  const skipDbPath = flag('skip-db-path');
  const skipRestart = flag('skip-restart');
  const write = !flag('no-write');
  const dataset = parseGenerateArgs(argv); // the rest: --academies --staff --needs --seed --reset
  return {
    academies: dataset.academies,
    staff: dataset.staff,
    needs: dataset.needs,
    seed: dataset.seed ?? 0,
    reset: dataset.reset,
    reuse,
    connections,
    duration,
    warmup,
    rankingSamples,
    skipDbPath,
    skipRestart,
    write,
    profile,
    heapProfile,
  };
}
