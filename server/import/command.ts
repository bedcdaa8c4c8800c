// What every import command shares: the usage error (exit 2, with the usage text), the
// database named by MONGODB_URI, and one way of ending: exit 0 or 1 from the command, 1 with
// the command's own sentence for what went wrong, never a stack trace (the person running an
// import needs to know what to fix, not where the code was).

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

/** The value after a flag, or a usage error naming the flag. */
export function valueAfter(argv: readonly string[], flag: string, i: number): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--') || !value.trim()) throw new UsageError(`${flag} needs a value`);
  return value;
}

/** The one file an import takes, or a usage error saying what is wrong. */
export function oneFile(files: readonly string[]): string {
  if (files.length !== 1) throw new UsageError(files.length ? 'give one file at a time' : 'which file? Give the path of the CSV to import');
  return files[0]!;
}

/**
 * Runs `main` and exits: with its code, with 2 and the usage for a UsageError, else with 1 and
 * `explain(error)` (the lines to print after "<name>: ") or the error's message.
 */
export function runImportCommand(name: string, usage: string, main: () => Promise<number>, explain: (error: unknown) => string | null = () => null): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(`${name}: ${explain(error) ?? messageOf(error)}`);
      process.exit(1);
    },
  );
}
