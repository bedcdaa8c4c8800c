// The Node.js flags `npm start` runs the server with (its V8 heap sizes), read from
// package.json so that the bench's restarts and the bench process itself cannot drift from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The `--max-…=N` flags of package.json's `start` script, in order. */
export function serverNodeFlags(): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  return scripts.start?.match(/--max-[a-z-]+=\d+/g) ?? [];
}

/** Those of `npm start`'s flags this process was not started with (the bench runs the server in-process). */
export function missingServerFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return serverNodeFlags().filter((flag) => !execArgv.includes(flag));
}
