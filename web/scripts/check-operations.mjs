// Validates every GraphQL operation in src/ against ../schema.graphql with graphql-js, the way
// the server will. tsc already fails where a screen reads a field the schema lacks; this also
// catches a field selected but not yet read, a wrong argument, or a variable of the wrong type.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, parse, specifiedRules, NoUnusedFragmentsRule, validate } from 'graphql';

const root = fileURLToPath(new URL('../src/', import.meta.url));
// SCHEMA_PATH: check against another schema (the test that a breaking change is caught uses it).
const schemaPath = process.env.SCHEMA_PATH ?? fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const documents = [];
for (const file of files(root)) {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/graphql\(\s*`([^`]*)`/g)) {
    try {
      documents.push({ file, document: parse(match[1]) });
    } catch (error) {
      console.error(`${file}: ${error.message}`);
      process.exitCode = 1;
    }
  }
}
const fragments = documents.flatMap(({ document }) => document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION));
const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
let operations = 0;
for (const { file, document } of documents) {
  for (const operation of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
    operations += 1;
    const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }, rules);
    for (const error of errors) {
      console.error(`${file.slice(root.length)}: ${operation.name?.value ?? 'anonymous'}: ${error.message}`);
      process.exitCode = 1;
    }
  }
}
if (!process.exitCode) console.log(`web: ${operations} operations valid against schema.graphql`);
