// `npm run import:gias -- <file.csv> [--dry-run] [--json] [--quiet] [--batch-size N] [--max-reject-percent P]`
// Imports the DfE "Get Information about Schools" establishment CSV into MONGODB_URI.
// Exit codes: 0 imported (rejected rows, if any, are listed); 1 the file is unusable or the
// database failed (a file refused as a whole has written nothing); 2 the command was misused.
// Messages only, never stack traces: the person running this needs to know what to fix.
import mongoose from 'mongoose';
import { ensureIndexes } from '../db/connection';
import { connectionError, databaseLine, DRY_RUN_AND_JSON, numberIn, parseImportArgs, printSummary, runImportCommand } from './command';
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
  return parseImportArgs<Omit<Args, 'file'>>(argv, { dryRun: false, json: false, quiet: false }, {
    ...DRY_RUN_AND_JSON,
    '--quiet': (args) => (args.quiet = true),
    '--batch-size': (args, next) => (args.batchSize = Math.floor(numberIn('--batch-size', next(), 1, 100_000))),
    '--max-reject-percent': (args, next) => (args.maxRejectPercent = numberIn('--max-reject-percent', next(), 0, 100)),
  });
}

async function importGias(args: Args, uri: string): Promise<number> {
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
        throw connectionError(uri, error);
      },
    ),
  );
  // A refused file ends the command at once (process.exit drops the pending connection).
  const checked = await checkGiasFile(args.file, options);
  try {
    await state;
    await ensureIndexes(); // the unique URN index above all: only now, as the file is good
    const summary = await writeGiasFile(checked, options, state);
    printSummary(args.json, summary, () => `${formatSummary(summary)}\n  into ${databaseLine(uri)}`);
    return 0;
  } finally {
    await checked.spool.dispose();
    await state.catch(() => undefined);
    await mongoose.disconnect();
  }
}

runImportCommand({
  name: 'import:gias',
  usage: USAGE,
  parse: parseArgs,
  run: importGias,
  explain(error) {
    if (error instanceof GiasFileError) return `${error.message}\nNothing was written.`;
    if (error instanceof ImportInterruptedError) return `${error.message}\nBatches already written stay. Re-running is safe: it upserts by URN and duplicates nothing.`;
    return null;
  },
});
