// `npm run import:staff -- <file.csv> [--dry-run] [--full-trust <trust>] [--by <who>] [--json]`
// Imports a trust's staff list (shared/API.md, "Added for the second round"; guide in
// docs/staff-import.md) into the database named by MONGODB_URI, matching people by email.
// Exit codes: 0 every row good (with --dry-run: would be); 1 a bad row (nothing written), an
// unusable file (nothing written), or the database failed; 2 the command was misused.
import { ensureIndexes } from '../db/connection';
import { actorRunBy, databaseLine, DRY_RUN_AND_JSON, parseImportArgs, printSummary, requiredValue, runImportCommand, withImportDatabase } from './command';
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
  return parseImportArgs<Omit<Args, 'file'>>(argv, { dryRun: false, json: false }, {
    ...DRY_RUN_AND_JSON,
    '--full-trust': (args, next) => (args.fullTrust = requiredValue('--full-trust', next())),
    '--by': (args, next) => (args.by = requiredValue('--by', next())),
  });
}

async function importStaff(args: Args, uri: string): Promise<number> {
  return withImportDatabase(uri, async () => {
    const summary = await importStaffFile(args.file, {
      dryRun: args.dryRun,
      ...(args.fullTrust !== undefined ? { fullTrust: args.fullTrust } : {}),
      beforeWrite: ensureIndexes, // the unique email index above all; only for a good file
      actor: actorRunBy(STAFF_IMPORT_ACTOR, args.by),
    });
    printSummary(args.json, summary, () => `${formatStaffSummary(summary)}\n  ${databaseLine(uri)}`);
    return importSucceeded(summary) ? 0 : 1;
  });
}

runImportCommand({
  name: 'import:staff',
  usage: USAGE,
  parse: parseArgs,
  run: importStaff,
  explain: (error) => (error instanceof StaffFileError ? `${error.message}\nNothing was written.` : null),
});
