// Prints schema.graphql from the builder: committed, so schema changes show up in review.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchemaFile } from './print-schema';

const target = resolve(__dirname, '../schema.graphql');
writeFileSync(target, printSchemaFile());
console.log(`wrote ${target}`);
