// One rule for ids that name nothing: `node(id:)` and `nodes(ids:)` answer null for an object
// that does not exist, an id of a type that is not a node, or a string that is not a global ID
// at all — never an internal error, and never an error line in the log.
import { encodeGlobalId } from '../../server/auth/global-id';
import { createLogger } from '../../server/logger';
import { createAcademy, createTrust } from '../support/world';
import { startServer, type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
let server: Awaited<ReturnType<typeof startServer>>;
const lines: string[] = [];
let trustId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  server = await startServer({ logger });
  trustId = await createTrust(api, admin, 'Known Ids Trust');
});
afterAll(async () => {
  await server.close();
  await api.close();
});

async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  await new Promise((resolve) => setImmediate(resolve)); // let the access log line be written
  return { status: response.status, ...body };
}

const errorLines = () => lines.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 50);

const UNKNOWN: [string, string][] = [
  ['an object that does not exist', encodeGlobalId('Trust', '0123456789abcdef01234567')],
  ['an id of the wrong type for its object', encodeGlobalId('Academy', '0123456789abcdef01234567')],
  ['a type that is not a node', encodeGlobalId('UserError', '0123456789abcdef01234567')],
  ['a type that does not exist', encodeGlobalId('Nonsense', '0123456789abcdef01234567')],
  ['a raw id that is not an ObjectId', encodeGlobalId('Trust', 'not-an-object-id')],
  ['an id with extra parts', encodeGlobalId('Trust', '0123456789abcdef01234567:extra')],
  ['a string that is not base64', '%%%not a global id%%%'],
  ['an empty string', ''],
  ['a very long string', 'A'.repeat(5000)],
];

describe('node(id:)', () => {
  it.each(UNKNOWN)('answers null for %s, with no error and no error log', async (_what, id) => {
    const before = errorLines().length;
    const res = await post(`query ($id: ID!) { node(id: $id) { id __typename } }`, { id });
    expect(res).toEqual({ status: 200, data: { node: null } });
    expect(errorLines().length).toBe(before);
  });

  it('still answers a known object', async () => {
    const res = await post(`query ($id: ID!) { node(id: $id) { id ... on Trust { name } } }`, { id: trustId });
    expect(res.data.node).toEqual({ id: trustId, name: 'Known Ids Trust' });
  });

  it('still refuses a staff member to an anonymous caller', async () => {
    const academyId = await createAcademy(api, admin, { trustId });
    const staff = await api.gql(
      `mutation ($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { staffMember { id } userErrors { field } } }`,
      { input: { name: 'Ida Known', email: 'ida.known@example.org.uk', role: 'TEACHER', homeAcademyId: academyId, capacityDays: 5, expertise: [] } },
      { token: admin },
    );
    const id = staff.data.createStaffMember.staffMember.id as string;
    const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { name } } }`, { id });
    expect(res.data?.node ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('nodes(ids:)', () => {
  it('answers null in place of each unknown id, in order, keeping the known ones', async () => {
    const ids = [UNKNOWN[0]![1], trustId, ...UNKNOWN.slice(1).map(([, id]) => id)];
    const res = await post(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([null, { id: trustId }, ...UNKNOWN.slice(1).map(() => null)]);
  });

  it('writes no error-level line for a hundred unknown ids', async () => {
    const before = errorLines().length;
    const ids = Array.from({ length: 100 }, (_, i) => encodeGlobalId('Academy', i.toString(16).padStart(24, '0')));
    const res = await post(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(res).toEqual({ status: 200, data: { nodes: ids.map(() => null) } });
    expect(errorLines().length).toBe(before);
  });
});

describe('cursors', () => {
  const needsAfter = `query ($after: String) { needs(orderBy: RAISED_AT, first: 5, after: $after) { edges { node { id } } } }`;
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify([value, '0123456789abcdef01234567'])).toString('base64url');

  it.each([['not a date'], ['2030-02-30T00:00:00.000Z'], ['2026-13-01T00:00:00.000Z'], [12345], [true]])(
    'refuses a RAISED_AT cursor holding %p as BAD_USER_INPUT, as other bad cursors',
    async (value) => {
      const before = errorLines().length;
      const res = await post(needsAfter, { after: cursorOf(value) });
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('cursor is not valid'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expect(errorLines().length).toBe(before);
    },
  );

  it('still follows a RAISED_AT cursor it issued', async () => {
    const res = await post(needsAfter, { after: cursorOf('2026-11-23T09:30:00.000Z') });
    expect(res.errors).toBeUndefined();
    expect(res.data.needs.edges).toEqual([]);
  });
});
