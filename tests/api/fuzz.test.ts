// Fuzzing /graphql with fast-check: random and mangled documents, every mutation with
// schema-shaped but hostile input (as ADMIN, so the input reaches the services), and raw
// bodies with odd methods and content types. No request may answer 5xx or fail inside a
// resolver (an internal error, which production would mask as "Unexpected error."), and the
// service must be healthy afterwards. Runs are bounded and seeded, so the suite is
// deterministic: FUZZ_SEED=<n> FUZZ_RUNS=<n> npx jest tests/api/fuzz explores further.
import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isObjectType,
} from 'graphql';
import { schema } from '../../schema';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * RUNS), endOnFailure: true });

let api: TestApi;
let admin: string;
const ids: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'fuzz' });
  const trust = await createTrust(api, admin, 'Fuzz Trust');
  const academy = await createAcademy(api, admin, { trustId: trust });
  const home = await createAcademy(api, admin, { trustId: trust });
  const staff = await createStaff(api, admin, home, { capacityDays: 50 });
  const need = await raiseNeed(api, admin, academy, { daysRequested: 20 });
  const proposed = await must(
    api,
    `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code } } }`,
    { input: { needId: need.id, staffId: staff.id, days: 2 } },
    admin,
    'proposeDeployment',
  );
  ids.push(trust, academy, home, staff.id, need.id, proposed.deployment.id);
});
afterAll(() => api.close());

interface Answer {
  status: number;
  body: string;
}

async function send(init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer>; query?: string }): Promise<Answer> {
  const response = await fetch(`${api.url}${init.query ?? ''}`, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  return { status: response.status, body: await response.text() };
}

/** A 5xx, or a GraphQL error that came from a fault rather than a deliberate refusal. */
function fault(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 500)}`;
  let parsed: { errors?: { message?: string; extensions?: Record<string, unknown> }[] };
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return null; // not JSON (e.g. GraphiQL's page): not a GraphQL answer, and not a 5xx
  }
  // Outside production a masked error keeps its message, but not its code or its mask text.
  const internal = parsed.errors?.find((e) => e.message === 'Unexpected error.' || e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  return internal ? `internal error: ${JSON.stringify(internal).slice(0, 800)}` : null;
}

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });

// ---- documents ----------------------------------------------------------------------

const names = new Set<string>();
for (const type of Object.values(schema.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  names.add(type.name);
  if (isObjectType(type) || type instanceof GraphQLInputObjectType) for (const field of Object.keys(type.getFields())) names.add(field);
}
const schemaNames = [...names];

const SEEDS = [
  `{ academies(first: 3) { edges { node { id name trust { name } cluster { name } openNeeds { id } } } pageInfo { endCursor } } }`,
  `query ($id: ID!) { node(id: $id) { id ... on Academy { name staffMembers { email } } ... on ImprovementNeed { priority deployments { status } } } }`,
  `query ($n: ID!, $k: CandidateKind) { rankCandidates(needId: $n, kind: $k, first: 3) { eligibleCount candidates { score candidate { ... on StaffMember { name } } } } }`,
  `query Q($f: NeedFilter) { needs(first: 2, filter: $f, orderBy: RAISED_AT) { edges { cursor node { id status } } } }`,
  `mutation ($input: RaiseNeedInput!) { raiseNeed(input: $input) { need { id } userErrors { field code } } }`,
  `fragment F on Trust { name academies(first: 2) { edges { node { urn } } } } { trusts(first: 2) { edges { node { ...F } } } }`,
];

const token = fc.oneof(
  fc.constantFrom('{', '}', '(', ')', ':', '$', '!', '=', '[', ']', '@', '...', '|', '&', ',', '#', '"', '"""'),
  fc.constantFrom('query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null', '__typename', '__schema', '@include(if: true)', '@skip(if: $x)'),
  fc.constantFrom(...schemaNames),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string().map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 8 }),
);
const randomDocument = fc.array(token, { maxLength: 40 }).map((t) => t.join(' '));
/** A working document with a few tokens deleted, replaced or inserted. */
const mangledDocument = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace', 'insert'), token), { minLength: 1, maxLength: 4 }))
  .map(([seed, edits]) => {
    const parts = seed.split(/(\s+)/).filter((p) => p.trim());
    for (const [at, kind, t] of edits) {
      const i = at % (parts.length + 1);
      if (kind === 'delete') parts.splice(i, 1);
      else if (kind === 'replace') parts.splice(i, 1, t);
      else parts.splice(i, 0, t);
    }
    return parts.join(' ');
  });
const variables = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('id', 'n', 'k', 'f', 'input', 'x'), fc.jsonValue({ maxDepth: 3 })));

it('survives random and mangled documents with random variables', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(randomDocument, mangledDocument, fc.string()), variables, fc.option(fc.string({ maxLength: 10 })), async (query, vars, operationName) => {
      const answer = await send(json({ query, variables: vars, operationName }));
      expect(fault(answer)).toBeNull();
    }),
    runs(120),
  );
});

// ---- every mutation, schema-shaped hostile input ---------------------------------------

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 3000 }),
  fc.constantFrom('', ' ', '\u0000', '$where', '{"$gt": ""}', '9'.repeat(400), 'QWNhZGVteTo=', '2026-02-30', '-1'),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1, 1e308, -0, 0.5),
);

function valueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return valueFor(type.ofType, depth);
  if (type instanceof GraphQLList) return fc.oneof({ weight: 4, arbitrary: fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 2 : 6 }) }, { weight: 1, arbitrary: junk });
  const named = getNamedType(type);
  let typed: fc.Arbitrary<unknown>;
  if (named instanceof GraphQLEnumType) typed = fc.constantFrom(...named.getValues().map((v) => v.name));
  else if (named instanceof GraphQLInputObjectType) typed = depth > 3 ? fc.constant({}) : inputFor(named, depth + 1);
  else if (named instanceof GraphQLScalarType && named.name === 'ID') typed = fc.oneof(fc.constantFrom(...ids), fc.base64String({ maxLength: 40 }));
  else if (named.name === 'Int') typed = fc.oneof(fc.integer({ min: -5, max: 300 }), fc.integer());
  else if (named.name === 'Float') typed = fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ noNaN: true }));
  else if (named.name === 'Boolean') typed = fc.boolean();
  else if (named.name === 'Date' || named.name === 'DateTime') typed = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string({ maxLength: 12 }));
  else typed = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ minLength: 2, maxLength: 20 }).map((s) => `${s}@example.org`));
  return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: junk });
}

function inputFor(type: GraphQLInputObjectType, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.values(type.getFields());
  const record = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth)]));
  return fc.record(record, { requiredKeys: [] }).chain((value) =>
    fc.oneof({ weight: 8, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), junk).map((extra) => ({ ...value, ...extra })) }),
  );
}

const mutationFields = Object.values(schema.getMutationType()!.getFields());
const mutationCall = fc.constantFrom(...mutationFields).chain((field) => {
  const inputType = getNamedType(field.args[0]!.type) as GraphQLInputObjectType;
  const document = `mutation ($input: ${inputType.name}!) { ${field.name}(input: $input) { __typename } }`;
  return fc.record({ name: fc.constant(field.name), document: fc.constant(document), input: inputFor(inputType, 0) });
});

it('survives every mutation with schema-shaped hostile input', async () => {
  await fc.assert(
    fc.asyncProperty(mutationCall, async ({ name, document, input }) => {
      const answer = await send(json({ query: document, variables: { input } }));
      const problem = fault(answer);
      expect(problem ? `${name}(${JSON.stringify(input).slice(0, 500)}): ${problem}` : null).toBeNull();
    }),
    runs(120),
  );
});

// ---- raw HTTP ----------------------------------------------------------------------------

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-16',
  'application/graphql-response+json',
  'application/graphql',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/plain',
  'application/octet-stream',
  'application/json; charset=utf-8; boundary=',
);
const rawBody = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"query":', '{"query": null}', '[{"query":"{__typename}"}]', '{"query":"{__typename}","variables":"x"}', '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--xyz--', '\uFEFF{"query":"{__typename}"}'),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => new Uint8Array(bytes)),
);

it('survives raw bodies, odd methods, content types and query strings', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      contentTypes,
      fc.constantFrom('application/json', 'application/graphql-response+json', 'text/html', '*/*', 'text/event-stream', 'multipart/mixed'),
      rawBody,
      fc.dictionary(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'), fc.string({ maxLength: 80 }), { maxKeys: 3 }),
      async (method, contentType, accept, body, params) => {
        const headers: Record<string, string> = { accept };
        if (contentType) headers['content-type'] = contentType;
        const query = Object.keys(params).length ? `?${new URLSearchParams(params)}` : '';
        const answer = await send({ method, headers, query, body: method === 'GET' || method === 'OPTIONS' ? undefined : body });
        expect(fault(answer)).toBeNull();
      },
    ),
    runs(120),
  );
});

it('is healthy afterwards', async () => {
  const health = await fetch(api.url.replace('/graphql', '/healthz'));
  expect(health.status).toBe(200);
  const ok = await api.gql(`{ trusts(first: 1) { edges { node { name } } } }`);
  expect(ok.errors).toBeUndefined();
});
