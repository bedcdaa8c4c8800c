// `npm run generate`: the national dataset written into MONGODB_URI by the real command.
import mongoose from 'mongoose';
import { parseGenerateArgs } from '../../seeds/generate-command';
import { runScript } from '../support/run-script';
import { startTestApi, type TestApi } from '../support/test-api';

const dbName = `generate_cli_${process.pid}`;
let api: TestApi;

const run = (args: string[], env: Record<string, string | undefined>) => runScript('seeds/generate-command.ts', args, env);
const uri = () => `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${dbName}`;
const count = (collection: string) => mongoose.connection.useDb(dbName).collection(collection).countDocuments();

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await mongoose.connection.useDb(dbName).dropDatabase();
  await api.close();
});

it('writes the requested numbers of academies, staff and open needs, with trusts and hubs, and refuses to write over data without --reset', async () => {
  const first = await run(['--academies', '300', '--staff', '500', '--needs', '60', '--seed', '5'], { MONGODB_URI: uri() });
  expect(first.stderr).not.toMatch(/\n\s+at /);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`Loaded into "${dbName}"`);
  expect(await count('academies')).toBe(300);
  expect(await count('staffMembers')).toBe(500);
  expect(await mongoose.connection.useDb(dbName).collection('improvementNeeds').countDocuments({ status: 'OPEN' })).toBe(60);
  expect(await count('trusts')).toBeGreaterThan(0);
  expect(await count('clusters')).toBeGreaterThan(0);

  const again = await run(['--academies', '10', '--staff', '10', '--needs', '1'], { MONGODB_URI: uri() });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('already holds records; run with -- --reset');
  expect(await count('academies')).toBe(300);

  const reset = await run(['--academies', '40', '--staff', '30', '--needs', '5', '--reset'], { MONGODB_URI: uri() });
  expect(reset.code).toBe(0);
  expect(await count('academies')).toBe(40);
});

it('says what is wrong with the command line or the environment, without a stack trace', async () => {
  const noUri = await run(['--academies', '10'], { MONGODB_URI: '' });
  expect(noUri.code).toBe(1);
  expect(noUri.stderr).toContain('MONGODB_URI is not set');
  expect(() => parseGenerateArgs(['--staff', 'many'])).toThrow('--staff needs a whole number (got "many")');
  expect(() => parseGenerateArgs(['--schools', '3'])).toThrow('unknown argument "--schools"');
  expect(() => parseGenerateArgs(['--academies', '0'])).toThrow('--academies must be at least 1');
  expect(parseGenerateArgs([])).toMatchObject({ academies: 22_000, staff: 50_000, needs: 5_000, reset: false });
});
