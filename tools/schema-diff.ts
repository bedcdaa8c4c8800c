// `npm run schema:diff [-- <git-ref>]`: what the schema built from the code changes for
// clients, compared with schema.graphql as committed at <git-ref> (default HEAD).
//
//   npm run schema:diff                  # your uncommitted schema changes
//   npm run schema:diff -- origin/main   # everything this branch changes
//
// Prints breaking changes (a client's valid operation may stop working), dangerous changes
// (valid operations keep working but may behave differently, e.g. a new enum value a client
// does not handle) and additions. Exits 1 when there is a breaking change, else 0, so CI
// can use it as a gate. Uses graphql-js's findBreakingChanges / findDangerousChanges.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { schema } from '../schema';

export interface SchemaDiff {
  breaking: string[];
  dangerous: string[];
  added: string[];
}

const isBuiltIn = (name: string) => name.startsWith('__');

/** Names of the members of a type: fields, input fields, enum values or union members. */
function membersOf(type: GraphQLNamedType): string[] {
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return Object.keys(type.getFields());
  if (isEnumType(type)) return type.getValues().map((v) => v.name);
  if (isUnionType(type)) return type.getTypes().map((t) => t.name);
  return [];
}

/** Types, and members of types, present in `after` only (graphql-js reports removals, not additions). */
function additions(before: GraphQLSchema, after: GraphQLSchema): string[] {
  const added: string[] = [];
  for (const [name, type] of Object.entries(after.getTypeMap()).sort(([a], [b]) => a.localeCompare(b))) {
    if (isBuiltIn(name)) continue;
    const old = before.getType(name);
    if (!old) {
      added.push(`${name} was added.`);
      continue;
    }
    const existing = new Set(membersOf(old));
    for (const member of membersOf(type)) if (!existing.has(member)) added.push(`${name}.${member} was added.`);
  }
  return added;
}

export function diffSchemas(before: GraphQLSchema, after: GraphQLSchema): SchemaDiff {
  return {
    breaking: findBreakingChanges(before, after).map((c) => `${c.type}: ${c.description}`),
    dangerous: findDangerousChanges(before, after).map((c) => `${c.type}: ${c.description}`),
    added: additions(before, after),
  };
}

export function committedSchema(ref: string, repoRoot = resolve(__dirname, '..')): GraphQLSchema {
  const sdl = execFileSync('git', ['show', `${ref}:schema.graphql`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return buildSchema(sdl);
}

async function main(): Promise<void> {
  const ref = process.argv[2] ?? 'HEAD';
  let before: GraphQLSchema;
  try {
    before = committedSchema(ref);
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim() : String(error);
    console.error(`Cannot read schema.graphql at "${ref}": ${detail}`);
    process.exit(2);
  }
  const diff = diffSchemas(before, schema);
  const section = (title: string, lines: string[]) => console.log(`\n${title} (${lines.length})${lines.map((l) => `\n  - ${l}`).join('')}`);
  console.log(`Schema built from the code, compared with schema.graphql at ${ref}:`);
  section('Breaking changes', diff.breaking);
  section('Dangerous changes', diff.dangerous);
  section('Additions', diff.added);
  process.exit(diff.breaking.length > 0 ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
