// `npm run import:staff -- <file.csv> [--dry-run] [--full-trust <trust>] [--by <who>] [--json]`
// Imports a trust's staff list (shared/API.md, "Added for the second round"; guide in
// docs/staff-import.md) into the database named by MONGODB_URI, matching people by email.
// Exit codes: 0 every row good (with --dry-run: would be); 1 a bad row (nothing written), an
// unusable file (nothing written), or the database failed; 2 the command was misused.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME, ensureIndexes } from '../db/connection';
import { redact } from '../db/select-database';
import { messageOf, oneFile, requireDatabaseUri, runImportCommand, UsageError, valueAfter } from './command';
import { openImportDatabase } from './gias/database';
import { formatStaffSummary, importStaffFile, importSucceeded, STAFF_IMPORT_ACTOR, StaffFileError } from './staff';

const USAGE = `Usage: npm run import:staff -- <staff.csv> [options]

Imports a staff list (one row a person; columns in docs/staff-import.md) into the database
named by MONGODB_URI. People are matched by email, ignoring case: new people are added,
changed ones updated, the rest left alone. A file with any bad row writes nothing.

Options:
  --dry-run               check the file and compare with the database; write nothing
  --full-trust <trust>    the file lists all staff of this trust (name, DfE trust code or ID):
                          people at its schools missing from the file are flagged, not deleted
  --by <who>              who is running the import, recorded in the audit trail
  --json                  print the summary as JSON on stdout
  --help                  this text`;

interface Args {
  file: string;
  dryRun: boolean;
  json: boolean;
  fullTrust?: string;
  by?: string;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const files: string[] = [];
  const args: Omit<Args, 'file'> = { dryRun: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--full-trust') args.fullTrust = valueAfter(argv, arg, i++);
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
    const summary = await importStaffFile(args.file, {
      dryRun: args.dryRun,
      ...(args.fullTrust !== undefined ? { fullTrust: args.fullTrust } : {}),
      beforeWrite: ensureIndexes, // the unique email index above all; only for a good file
      actor: args.by ? { ...STAFF_IMPORT_ACTOR, sub: `${STAFF_IMPORT_ACTOR.sub}:${args.by.trim()}` } : STAFF_IMPORT_ACTOR,
    });
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(`${formatStaffSummary(summary)}\n  database "${databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME}" at ${redact(uri)}`);
    return importSucceeded(summary) ? 0 : 1;
  } finally {
    await mongoose.disconnect();
  }
}

runImportCommand('import:staff', USAGE, () => main(process.argv.slice(2)), (error) => (error instanceof StaffFileError ? `${error.message}\nNothing was written.` : null));
