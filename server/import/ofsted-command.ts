// `npm run import:ofsted -- <file.csv> [--dry-run] [--by <who>] [--json] [--quiet]`
// Imports Ofsted's management-information file of state-funded school inspections (guide and
// columns in docs/ofsted-import.md) into the database named by MONGODB_URI: for each school
// recorded here, its last single-word judgement and its last report card, by URN.
// Exit codes: 0 every row good (with --dry-run: would be); 1 a bad row (nothing written), an
// unusable file (nothing written), or the database failed; 2 the command was misused.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME } from '../db/connection';
import { redact } from '../db/select-database';
import { messageOf, oneFile, requireDatabaseUri, runImportCommand, UsageError, valueAfter } from './command';
import { openImportDatabase } from './gias/database';
import { createProgress } from './gias/progress';
import { formatSummary, importOfstedFile, importSucceeded, OFSTED_ACTOR, OfstedFileError } from './ofsted';

const USAGE = `Usage: npm run import:ofsted -- <state-funded-schools-inspections.csv> [options]

Imports Ofsted's management information on state-funded school inspections (CSV) into the
database named by MONGODB_URI: each school recorded here gets its latest single-word
judgement and its latest report card, with their dates. Schools not recorded here are
counted and skipped. A file with any bad row writes nothing; running the same file again
changes nothing.

Options:
  --dry-run      check the file and compare with the database; write nothing
  --by <who>     who is running the import, recorded in the audit trail
  --json         print the summary as JSON on stdout
  --quiet        no progress on stderr
  --help         this text`;

interface Args {
  file: string;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  by?: string;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const files: string[] = [];
  const args: Omit<Args, 'file'> = { dryRun: false, json: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--by') args.by = valueAfter(argv, arg, i++);
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
  try {
    await openImportDatabase(uri);
  } catch (error) {
    throw new Error(`cannot connect to the database at ${redact(uri)}: ${messageOf(error)}`);
  }
  try {
    let progress: ReturnType<typeof createProgress> | null = null;
    const summary = await importOfstedFile(args.file, {
      dryRun: args.dryRun,
      actor: args.by ? { ...OFSTED_ACTOR, sub: `${OFSTED_ACTOR.sub}:${args.by.trim()}` } : OFSTED_ACTOR,
      ...(args.quiet
        ? {}
        : {
            onRows: (checked: number, total: number) => {
              progress ??= createProgress({ label: 'checking rows', totalBytes: total });
              progress.update(checked, checked);
              if (checked === total) progress.finish(total);
            },
          }),
    });
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(`${formatSummary(summary)}\n  database "${databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME}" at ${redact(uri)}`);
    return importSucceeded(summary) ? 0 : 1;
  } finally {
    await mongoose.disconnect();
  }
}

runImportCommand('import:ofsted', USAGE, () => main(process.argv.slice(2)), (error) => (error instanceof OfstedFileError ? `${error.message}\nNothing was written.` : null));
