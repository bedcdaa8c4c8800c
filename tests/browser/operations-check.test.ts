// The web app's operations are checked against schema.graphql (npm test runs the check before
// the browser tests): the real schema passes, and a schema that drops or renames a field a
// screen uses fails, naming the screen's operation and the field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const check = (schemaPath?: string) =>
  spawnSync(process.execPath, [join(root, 'web', 'scripts', 'check-operations.mjs')], {
    env: { ...process.env, ...(schemaPath ? { SCHEMA_PATH: schemaPath } : {}) },
    encoding: 'utf8',
  });

describe('web operations against the schema', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-schema-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every operation of the web app is valid against schema.graphql', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\d+ operations valid/);
  });

  it('a field renamed in the schema fails the check, naming the operation that uses it', () => {
    const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');
    const broken = schema.replace(/^(\s*)spareCapacityDays: Int$/m, '$1spareDays: Int');
    expect(broken).not.toBe(schema);
    const path = join(dir, 'renamed.graphql');
    writeFileSync(path, broken);
    const result = check(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/LeadHome: Cannot query field "spareCapacityDays" on type "Cluster"/);
  });

  it('an argument removed from the schema fails the check', () => {
    const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');
    // The argument goes with its description.
    const broken = schema.replace(/\n\n\s*"""The staff member\."""\n\s*staffId: ID!\n(\s*\): \[RankedNeed!\]!)/, '\n$1');
    expect(broken).not.toBe(schema);
    const path = join(dir, 'no-argument.graphql');
    writeFileSync(path, broken);
    const result = check(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/WhereCouldIHelp: Unknown argument "staffId"/);
  });
});
