// `npm run generate -- --academies 22000 --staff 50000 --needs 5000 [--seed N] [--deployments N] [--reset]`:
// writes a synthetic national dataset (seeds/national/) into MONGODB_URI, printing
// progress and a summary with timings. Like `npm run seed`, it refuses a database that
// already holds records unless --reset is given (which empties it first).
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connectDatabase, databaseNameIn, DEFAULT_DATABASE_NAME } from '../server/db/connection';
import { redact } from '../server/db/select-database';
import { isDatabaseEmpty, loadDataset, type LoadSummary } from './load';
import { DEFAULT_NATIONAL_SEED, generateNationalDataset, type NationalOptions } from './national';

export interface GenerateArgs extends NationalOptions {
  reset: boolean;
}

const USAGE = 'usage: npm run generate -- --academies N --staff N --needs N [--seed N] [--deployments N] [--reset]';

/** Parses the command line; throws with a usage line on anything unexpected. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  const numbers: Record<string, number> = {};
  let reset = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--reset') {
      reset = true;
      continue;
    }
    const match = /^--(academies|staff|needs|seed|deployments)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    const raw = match[2] ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 0) throw new Error(`--${match[1]} needs a whole number (got "${raw ?? ''}")\n${USAGE}`);
    numbers[match[1]!] = value;
  }
  const academies = numbers.academies ?? 22_000;
  const staff = numbers.staff ?? 50_000;
  const needs = numbers.needs ?? 5_000;
  if (academies < 1) throw new Error(`--academies must be at least 1\n${USAGE}`);
  const args: GenerateArgs = { academies, staff, needs, seed: numbers.seed ?? DEFAULT_NATIONAL_SEED, reset };
  if (numbers.deployments !== undefined) args.completedDeployments = numbers.deployments;
  return args;
}

const COLLECTION_LABELS: Record<string, string> = {
  trusts: 'trusts',
  academies: 'academies',
  staffMembers: 'staff',
  clusters: 'hubs',
  improvementNeeds: 'needs (open and met)',
  deployments: 'completed deployments',
};

/**
 * Generates the national dataset and loads it into the connected database, reporting the
 * documents written per collection as they go (from the driver's command monitoring, so it
 * costs no extra queries). The connection must have been opened with monitorCommands.
 */
export async function generateIntoDatabase(
  options: NationalOptions,
  log: (line: string) => void = console.log,
): Promise<{ summary: LoadSummary; generateMs: number; loadMs: number }> {
  const t0 = performance.now();
  const dataset = generateNationalDataset(options);
  const generateMs = performance.now() - t0;
  log(
    `generated in ${(generateMs / 1000).toFixed(1)} s: ${dataset.trusts.length} trusts, ${dataset.academies.length} academies, ` +
      `${dataset.clusters.length} hubs, ${dataset.staff.length} staff, ${dataset.needs.length} open needs, ${dataset.completedDeployments.length} completed deployments`,
  );

  const written = new Map<string, number>();
  const client = mongoose.connection.getClient();
  const pending = new Map<number, { collection: string; docs: number }>();
  const onStarted = (event: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    if (event.commandName !== 'insert') return;
    const docs = (event.command.documents as unknown[] | undefined)?.length ?? 0;
    pending.set(event.requestId, { collection: String(event.command.insert), docs });
  };
  const onSucceeded = (event: { requestId: number }) => {
    const p = pending.get(event.requestId);
    if (!p) return;
    pending.delete(event.requestId);
    written.set(p.collection, (written.get(p.collection) ?? 0) + p.docs);
  };
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  const t1 = performance.now();
  let lastLine = '';
  const progress = setInterval(() => {
    const parts = [...written].map(([c, n]) => `${COLLECTION_LABELS[c] ?? c} ${n}`);
    const line = `  ${((performance.now() - t1) / 1000).toFixed(0)} s: ${parts.join(', ') || 'starting'}`;
    if (line !== lastLine) log(line);
    lastLine = line;
  }, 2000);
  try {
    const summary = await loadDataset(dataset);
    return { summary, generateMs, loadMs: performance.now() - t1 };
  } finally {
    clearInterval(progress);
    client.off('commandStarted', onStarted);
    client.off('commandSucceeded', onSucceeded);
  }
}

async function main(): Promise<number> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('MONGODB_URI is not set: say which database to write the national dataset into.');
    return 1;
  }
  let args: GenerateArgs;
  try {
    args = parseGenerateArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const started = performance.now();
  await connectDatabase(uri, undefined, { monitorCommands: true });
  const name = databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME;
  try {
    if (!(await isDatabaseEmpty())) {
      if (!args.reset) {
        console.error(`Database "${name}" at ${redact(uri)} already holds records; run with -- --reset to empty it first.`);
        return 1;
      }
      console.log(`emptying "${name}" (--reset)`);
      await mongoose.connection.db!.dropDatabase();
      await connectDatabase(uri, undefined, { monitorCommands: true });
    }
    const { reset: _reset, ...options } = args;
    console.log(`generating a national dataset into "${name}" at ${redact(uri)}: ${JSON.stringify(options)}`);
    const { summary, generateMs, loadMs } = await generateIntoDatabase(options);
    const totalMs = performance.now() - started;
    console.log(`Loaded into "${name}":`, summary);
    console.log(`timings: generate ${(generateMs / 1000).toFixed(1)} s, load ${(loadMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await mongoose.disconnect();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
