import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchemaFile } from '../../schema/print-schema';

describe('schema.graphql', () => {
  it('matches the schema built from the code (run `npm run schema:print` after changing the schema)', () => {
    const committed = readFileSync(resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(printSchemaFile());
  });
});
