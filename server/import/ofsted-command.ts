// `npm run import:ofsted -- <file.csv> [--dry-run] [--by <who>] [--json] [--quiet]`
// Imports Ofsted's management-information file of state-funded school inspections (guide and
// columns in docs/ofsted-import.md) into the database named by MONGODB_URI: for each school
// recorded here, its last single-word judgement and its last report card, by URN.
// Exit codes: 0 every row good (with --dry-run: would be); 1 a bad row (nothing written), an
// unusable file (nothing written), or the database failed; 2 the command was misused.
import { actorRunBy, databaseLine, DRY_RUN_AND_JSON, parseImportArgs, printSummary, requiredValue, runImportCommand, withImportDatabase } from './command';
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
  return parseImportArgs<Omit<Args, 'file'>>(argv, { dryRun: false, json: false, quiet: false }, {
    ...DRY_RUN_AND_JSON,
    '--quiet': (args) => (args.quiet = true),
    '--by': (args, next) => (args.by = requiredValue('--by', next())),
  });
}

async function importOfsted(args: Args, uri: string): Promise<number> {
  return withImportDatabase(uri, async () => {
    let progress: ReturnType<typeof createProgress> | null = null;
    const summary = await importOfstedFile(args.file, {
      dryRun: args.dryRun,
      actor: actorRunBy(OFSTED_ACTOR, args.by),
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
    printSummary(args.json, summary, () => `${formatSummary(summary)}\n  ${databaseLine(uri)}`);
    return importSucceeded(summary) ? 0 : 1;
  });
}

runImportCommand({
  name: 'import:ofsted',
  usage: USAGE,
  parse: parseArgs,
  run: importOfsted,
  explain: (error) => (error instanceof OfstedFileError ? `${error.message}\nNothing was written.` : null),
});
