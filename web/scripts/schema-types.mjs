// Writes src/graphql-env.d.ts: the API's schema (../schema.graphql, printed from the server)
// as the type gql.tada reads. Every operation in src/ is then type-checked against it, so a
// schema change that breaks a screen fails `tsc` (and so `npm test`). Skips the write when
// nothing changed, so the dev server does not reload for nothing.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';

const schemaPath = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const outPath = fileURLToPath(new URL('../src/graphql-env.d.ts', import.meta.url));

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const output = outputIntrospectionFile(minifyIntrospection(introspectionFromSchema(schema)), {
  fileType: '.d.ts',
  shouldPreprocess: true,
});
if (!existsSync(outPath) || readFileSync(outPath, 'utf8') !== output) {
  writeFileSync(outPath, output);
  console.log('web: wrote src/graphql-env.d.ts from schema.graphql');
}
