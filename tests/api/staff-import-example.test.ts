// The documented example file (seeds/staff-import-example.csv, 1,500 people of the demo's
// Trelawny Academy Trust) imports as docs/staff-import.md says: into the demo world, as a
// full-trust file, adding the generated people, leaving the demo's own alone, flagging nobody.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { StaffMember } from '../../server/models/staff-member';
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';
import { trelawnyStaffFile } from '../../seeds/staff-example';
import { runScript } from '../support/run-script';
import { type TestApi, startTestApi } from '../support/test-api';

// Each test runs the real command in its own process (a few seconds each on a loaded
// machine, several per test): more than jest's default minute must be allowed.
jest.setTimeout(300_000);

const EXAMPLE = join(resolve(__dirname, '../..'), 'seeds/staff-import-example.csv');

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(buildDemoDataset());
});
afterAll(async () => {
  await api.close();
});

function importStaff(...args: string[]) {
  return importFile(EXAMPLE, '--full-trust', 'Trelawny Academy Trust', ...args);
}

function importFile(...args: string[]) {
  const uri = `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${mongoose.connection.name}`;
  return runScript('server/import/staff-command.ts', args, { MONGODB_URI: uri });
}

it('the documented template (docs/staff-import-template.csv) is a good file', async () => {
  const { code, stdout } = await importFile(join(resolve(__dirname, '../..'), 'docs/staff-import-template.csv'), '--dry-run');
  expect(code).toBe(0);
  expect(stdout).toMatch(/new\s+3 \(would be\)/);
});

it('the committed example is what the generator makes', () => {
  expect(readFileSync(EXAMPLE, 'utf8')).toBe(`${trelawnyStaffFile(1500).join('\r\n')}\r\n`);
});

it('imports into the demo world: the generated people added, the demo staff unchanged, nobody flagged; a re-run changes nothing', async () => {
  const demoStaff = await StaffMember.countDocuments();
  const dry = await importStaff('--dry-run');
  expect(dry.code).toBe(0);
  const inserted = Number(/new\s+([\d,]+)/.exec(dry.stdout)![1]!.replace(',', ''));
  const unchanged = Number(/unchanged\s+([\d,]+)/.exec(dry.stdout)![1]!.replace(',', ''));
  expect(inserted + unchanged).toBe(1500);
  expect(unchanged).toBeGreaterThan(50);
  expect(dry.stdout).toContain('0 people at its schools not in the file');

  const run = await importStaff();
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/updated\s+0/);
  expect(await StaffMember.countDocuments()).toBe(demoStaff + inserted);

  const again = await importStaff();
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/unchanged\s+1,500/);
});
