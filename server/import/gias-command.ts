// `npm run import:gias -- <file.csv> [--dry-run] [--json] [--quiet] [--batch-size N] [--max-reject-percent P]`
// Imports the DfE "Get Information about Schools" establishment CSV into MONGODB_URI.
// Exit codes: 0 imported (rejected rows, if any, are listed); 1 the file is unusable or the
// database failed (a file refused as a whole has written nothing); 2 the command was misused.
// Messages only, never stack traces: the person running this needs to know what to fix.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME, ensureIndexes } from '../db/connection';
import { redact } from '../db/select-database';
import { messageOf, oneFile, requireDatabaseUri, runImportCommand, UsageError } from './command';
import { checkGiasFile, createProgress, formatSummary, GiasFileError, ImportInterruptedError, type ImportOptions, openImportDatabase, readDatabaseState, settled, writeGiasFile } from './gias';

const USAGE = `Usage: npm run import:gias -- <edubasealldataYYYYMMDD.csv> [options]

Imports the "Get Information about Schools" establishment download into the database
named by MONGODB_URI: new schools inserted, changed ones updated, by URN.

Options:
  --dry-run                 check the file and compare with the database; write nothing
  --json                    print the summary as JSON on stdout
  --quiet                   no progress on stderr
  --batch-size N            rows per database batch (default 1000)
  --max-reject-percent P    refuse the whole file above this share of rejected rows (default 10)
  --help                    this text`;

interface Args {
  file: string;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  batchSize?: number;
  maxRejectPercent?: number;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const files: string[] = [];
  const args: Omit<Args, 'file'> = { dryRun: false, json: false, quiet: false };
  const numberAfter = (flag: string, i: number, min: number, max: number): number => {
    const value = Number(argv[i + 1]);
    if (argv[i + 1] === undefined || !Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(`${flag} needs a number from ${min} to ${max}`);
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--batch-size') args.batchSize = Math.floor(numberAfter(arg, i++, 1, 100_000));
    else if (arg === '--max-reject-percent') args.maxRejectPercent = numberAfter(arg, i++, 0, 100);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  return { file: oneFile(files), ...args };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const uri = requireDatabaseUri();

  const options: ImportOptions = {
    dryRun: args.dryRun,
    ...(args.batchSize ? { batchSize: args.batchSize } : {}),
    ...(args.maxRejectPercent !== undefined ? { maxRejectPercent: args.maxRejectPercent } : {}),
    ...(args.quiet ? {} : { progress: (label, totalBytes) => createProgress({ label, totalBytes }) }),
  };
  // The database is opened and read (never written) while the file is checked: the two
  // overlap. A refused file is reported as such, whatever the database's state.
  const state = settled(
    openImportDatabase(uri).then(
      () => readDatabaseState(),
      (error: unknown) => {
        throw new Error(`cannot connect to the database at ${redact(uri)}: ${messageOf(error)}`);
      },
    ),
  );
  // A refused file ends the command at once (process.exit drops the pending connection).
  const checked = await checkGiasFile(args.file, options);
  try {
    await state;
    await ensureIndexes(); // the unique URN index above all: only now, as the file is good
    const summary = await writeGiasFile(checked, options, state);
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(`${formatSummary(summary)}\n  into database "${databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME}" at ${redact(uri)}`);
    return 0;
  } finally {
    await checked.spool.dispose();
    await state.catch(() => undefined);
    await mongoose.disconnect();
  }
}

runImportCommand('import:gias', USAGE, () => main(process.argv.slice(2)), (error) => {
  if (error instanceof GiasFileError) return `${error.message}\nNothing was written.`;
  if (error instanceof ImportInterruptedError) return `${error.message}\nBatches already written stay. Re-running is safe: it upserts by URN and duplicates nothing.`;
  return null;
});
