// What every import command shares: reading its command line (one file and its options, a
// usage error for anything else), --help, the database named by MONGODB_URI, the summary as
// JSON or as text, and one way of ending: exit 0 or 1 from the command, 1 with the command's
// own sentence for what went wrong, never a stack trace (the person running an import needs
// to know what to fix, not where the code was), 2 with the usage text when it was misused.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME } from '../db/connection';
import { redact } from '../db/select-database';
import type { ActorRecord } from '../models/common';
import { openImportDatabase } from './gias/database';

/** The command was misused: told with the usage text, exit code 2. */
export class UsageError extends Error {}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The database to import into, from MONGODB_URI. */
export function requireDatabaseUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new UsageError('MONGODB_URI is not set: say which database to import into, e.g. MONGODB_URI=mongodb://localhost:27017/school_support');
  return uri;
}

/** The value after a flag (`value`, undefined when the line ends), or a usage error naming the flag. */
export function requiredValue(flag: string, value: string | undefined): string {
  if (value === undefined || value.startsWith('--') || !value.trim()) throw new UsageError(`${flag} needs a value`);
  return value;
}

/** The number after a flag, within min..max, or a usage error naming the flag and the range. */
export function numberIn(flag: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number) || number < min || number > max) throw new UsageError(`${flag} needs a number from ${min} to ${max}`);
  return number;
}

/** The one file an import takes, or a usage error saying what is wrong. */
export function oneFile(files: readonly string[]): string {
  if (files.length !== 1) throw new UsageError(files.length ? 'give one file at a time' : 'which file? Give the path of the CSV to import');
  return files[0]!;
}

/**
 * What one option does to the command's arguments. `next` takes the word after the flag
 * (undefined at the end of the line) for an option with a value; a switch ignores it.
 */
export type OptionReader<A> = (args: A, next: () => string | undefined) => void;

/** The switches every import takes: --dry-run (check and compare, write nothing) and --json (the summary as JSON). */
export const DRY_RUN_AND_JSON = {
  '--dry-run': (args: { dryRun: boolean }) => void (args.dryRun = true),
  '--json': (args: { json: boolean }) => void (args.json = true),
};

/**
 * The command line: the one file and the options, read left to right so the first mistake is
 * the one told; --help (or -h) wins over what follows it; an unknown --option is a usage error.
 */
export function parseImportArgs<A extends object>(argv: readonly string[], defaults: A, options: Readonly<Record<string, OptionReader<A>>>): (A & { file: string }) | 'help' {
  const files: string[] = [];
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (Object.hasOwn(options, arg)) options[arg]!(args, () => argv[++i]);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  return { file: oneFile(files), ...args };
}

/** The import's actor, with who ran it (--by) added to its name when given. */
export function actorRunBy(actor: ActorRecord, by: string | undefined): ActorRecord {
  return by ? { ...actor, sub: `${actor.sub}:${by.trim()}` } : actor;
}

/** A failed connection, told with the database's address (its password hidden). */
export function connectionError(uri: string, error: unknown): Error {
  return new Error(`cannot connect to the database at ${redact(uri)}: ${messageOf(error)}`);
}

/** Opens the import's database at `uri`, runs `work` and disconnects, however `work` ends. */
export async function withImportDatabase<T>(uri: string, work: () => Promise<T>): Promise<T> {
  try {
    await openImportDatabase(uri);
  } catch (error) {
    throw connectionError(uri, error);
  }
  try {
    return await work();
  } finally {
    await mongoose.disconnect();
  }
}

/** Which database an import used, as the summary's last line says it: `database "name" at address`. */
export function databaseLine(uri: string): string {
  return `database "${databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME}" at ${redact(uri)}`;
}

/** The summary on stdout: as JSON with --json, else as the command's text. */
export function printSummary(json: boolean, summary: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(summary, null, 2) : text());
}

export interface ImportCommand<A> {
  /** As npm runs it, e.g. "import:gias": the start of every error line. */
  name: string;
  usage: string;
  parse(argv: readonly string[]): A | 'help';
  /** The import itself, into the database at `uri`: resolves to the exit code. */
  run(args: A, uri: string): Promise<number>;
  /** The lines to print after "<name>: " for an error the command knows, else null (its message). */
  explain?(error: unknown): string | null;
}

/**
 * Runs the command on this process's arguments and exits: 0 after --help (the usage), the code
 * `run` gives, 2 and the usage for a UsageError, else 1 and `explain(error)` or the message.
 */
export function runImportCommand<A>(command: ImportCommand<A>, argv: readonly string[] = process.argv.slice(2)): void {
  const main = async (): Promise<number> => {
    const args = command.parse(argv);
    if (args === 'help') {
      console.log(command.usage);
      return 0;
    }
    return command.run(args, requireDatabaseUri());
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${command.name}: ${error.message}\n\n${command.usage}`);
        process.exit(2);
      }
      console.error(`${command.name}: ${command.explain?.(error) ?? messageOf(error)}`);
      process.exit(1);
    },
  );
}
