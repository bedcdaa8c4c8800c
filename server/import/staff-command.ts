// `npm run import:staff -- <file.csv> [--dry-run] [--full-trust <trust>] [--by <who>] [--json]`
// Imports a trust's staff list (shared/API.md, "Added for the second round"; guide in
// docs/staff-import.md) into the database named by MONGODB_URI, matching people by email.
// Exit codes: 0 every row good (with --dry-run: would be); 1 a bad row (nothing written), an
// unusable file (nothing written), or the database failed; 2 the command was misused.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME, ensureIndexes } from '../db/connection';
import { redact } from '../db/select-database';
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

class UsageError extends Error {}

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
  const valueAfter = (flag: string, i: number) => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--') || !value.trim()) throw new UsageError(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--full-trust') args.fullTrust = valueAfter(arg, i++);
    else if (arg === '--by') args.by = valueAfter(arg, i++);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(files.length ? 'give one file at a time' : 'which file? Give the path of the CSV to import');
  return { file: files[0]!, ...args };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new UsageError('MONGODB_URI is not set: say which database to import into, e.g. MONGODB_URI=mongodb://localhost:27017/school_support');
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`import:staff: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof StaffFileError) console.error(`import:staff: ${error.message}\nNothing was written.`);
    else console.error(`import:staff: ${messageOf(error)}`);
    process.exit(1);
  },
);
