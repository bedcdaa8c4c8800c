// Limits on hostile queries (server/security): depth, aliases, directives, tokens, cost with
// real page sizes, page size, and the request body limit. Each limit is probed just inside
// and just outside, and a refusal runs nothing.
import { gzipSync } from 'node:zlib';
import { getIntrospectionQuery, Lexer, Source, TokenKind } from 'graphql';
import { PASSED_SIZES_PER_DOCUMENT } from '../../server/security/graphql-limits';
import { securityDefaults } from '../../server/security/settings';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createTrust } from '../support/world';

const limits = securityDefaults('test');
let api: TestApi;
let admin: string;
let trustId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Limits Trust');
  await createAcademy(api, admin, { trustId, name: 'Limits Academy' });
});
afterAll(() => api.close());

async function post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
  const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

function expectLimit(res: { status: number; body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } }, limit: string) {
  expect(res.status).toBe(400);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
}

/** `{ trusts { edges { node { academies { edges { node { trust { … name …` nested to a depth. */
function nested(depth: number): string {
  const levels = ['trusts(first: 1)', 'edges', 'node', 'academies(first: 1)', 'edges', 'node', 'trust', 'academies(first: 1)', 'edges', 'node', 'trust', 'academies(first: 1)', 'edges', 'node'];
  const path = levels.slice(0, depth - 1);
  return `{ ${path.map((l) => `${l} {`).join(' ')} __typename ${'}'.repeat(path.length)} }`;
}

describe('depth', () => {
  it(`answers a query ${limits.maxDepth} deep and refuses one deeper`, async () => {
    const ok = await api.gql(nested(limits.maxDepth));
    expect(ok.errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query: nested(limits.maxDepth + 1) })), 'depth');
  });

  it('does not count inline fragments as depth, and lets the GraphiQL introspection query through', async () => {
    const ok = await api.gql(`{ academies(first: 1) { edges { node { ... on Academy { trust { ... on Trust { name } } } } } } }`);
    expect(ok.errors).toBeUndefined();
    const introspection = await api.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });
});

describe('aliases and directives', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: academyByUrn(urn: "${100000 + i}") { name }`).join(' ')} }`;
  const directed = (n: number) => `query ($yes: Boolean = true) { ${Array.from({ length: n }, () => `__typename @include(if: $yes)`).join(' ')} }`;

  it(`allows ${limits.maxAliases} aliases and refuses more (each could be a costly field)`, async () => {
    expect((await api.gql(aliased(limits.maxAliases))).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query: aliased(limits.maxAliases + 1) })), 'aliases');
  });

  it(`allows ${limits.maxDirectives} directives and refuses more`, async () => {
    expect((await api.gql(directed(limits.maxDirectives))).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query: directed(limits.maxDirectives + 1) })), 'directives');
  });
});

describe('tokens', () => {
  const tokensIn = (query: string) => {
    const lexer = new Lexer(new Source(query));
    let n = 0;
    while (lexer.advance().kind !== TokenKind.EOF) n += 1;
    return n;
  };
  /** A document of exactly `n` tokens: a long list literal (repeated fields would trip graphql-js's own overlap budget first). */
  const document = (n: number) => {
    const shell = (values: number) => `{ needs(first: 1, filter: { statuses: [${'OPEN '.repeat(values)}] }) { edges { node { id } } } }`;
    return shell(n - tokensIn(shell(0)));
  };

  it(`answers a document of ${limits.maxTokens} tokens and refuses one more`, async () => {
    expect(tokensIn(document(limits.maxTokens))).toBe(limits.maxTokens);
    expect((await api.gql(document(limits.maxTokens))).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query: document(limits.maxTokens + 1) })), 'tokens');
  });
});

describe('cost, with the page sizes the server will use', () => {
  const fanOut = (first: string) =>
    `query${first === '$n' ? ' ($n: Int)' : ''} { trusts(first: ${first}) { edges { node { academies(first: ${first}) { edges { node { name staffMembers { name } } } } } } } }`;

  it('refuses a fan-out of connections of 100 inside 100, whether the sizes are literals or variables', async () => {
    expectLimit(await post(JSON.stringify({ query: fanOut('100') })), 'cost');
    const viaVariables = await post(JSON.stringify({ query: fanOut('$n'), variables: { n: 100 } }));
    expectLimit(viaVariables, 'cost');
    expect(viaVariables.body.errors?.[0]?.message).toMatch(new RegExp(`Cost limit of ${limits.maxCost} exceeded`));
  });

  it('counts an omitted `first` as the default page of 20, and answers the same query with small pages', async () => {
    const omitted = `{ trusts { edges { node { academies { edges { node { name staffMembers { name } } } } } } } }`;
    expectLimit(await post(JSON.stringify({ query: omitted })), 'cost');
    const small = await api.gql(fanOut('$n'), { n: 5 }, { token: admin });
    expect(small.errors).toBeUndefined();
    expect(small.data.trusts.edges[0].node.academies.edges[0].node.name).toBe('Limits Academy');
  });

  it('counts every ID given to nodes(ids:), so a long list in a variable is not one object', async () => {
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Trust { name academies(first: 100) { edges { node { name trust { name } } } } } } }`;
    const trusts = (await api.gql(`{ trusts(first: 1) { edges { node { id } } } }`)).data.trusts.edges.map((e: any) => e.node.id);
    expect((await api.gql(query, { ids: trusts })).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query, variables: { ids: Array.from({ length: 50 }, () => trusts[0]) } })), 'cost');
  });

  // The cost limit remembers which sizes passed for a document (server/security/graphql-limits.ts):
  // what it remembers must never let larger sizes of the same document through.
  it('costs a document again for larger variables after it passed with small ones', async () => {
    for (let round = 0; round < 2; round++) {
      const small = await api.gql(fanOut('$n'), { n: 5 }, { token: admin });
      expect(small.errors).toBeUndefined();
      expectLimit(await post(JSON.stringify({ query: fanOut('$n'), variables: { n: 100 } })), 'cost');
    }
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Trust { name academies(first: 100) { edges { node { name trust { name } } } } } } }`;
    const trust = (await api.gql(`{ trusts(first: 1) { edges { node { id } } } }`)).data.trusts.edges[0].node.id;
    expect((await api.gql(query, { ids: [trust] })).errors).toBeUndefined();
    expect((await api.gql(query, { ids: [trust] })).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query, variables: { ids: Array.from({ length: 50 }, () => trust) } })), 'cost');
  });

  it('still refuses larger sizes once it remembers as many passing sizes of a document as it keeps', async () => {
    const query = `query ($a: Int, $n: Int) { trusts(first: $a) { edges { node { name } } } more: trusts(first: $n) { edges { node { academies(first: $n) { edges { node { name staffMembers { name } } } } } } } }`;
    for (let a = 1; a <= PASSED_SIZES_PER_DOCUMENT + 2; a++) expect((await api.gql(query, { a, n: 5 }, { token: admin })).errors).toBeUndefined();
    expectLimit(await post(JSON.stringify({ query, variables: { a: 1, n: 100 } })), 'cost');
    expectLimit(await post(JSON.stringify({ query, variables: { a: PASSED_SIZES_PER_DOCUMENT + 2, n: 100 } })), 'cost');
  });

  it('answers an ordinary full page of 100 with nested details', async () => {
    const page = await api.gql(
      `{ academies(first: 100) { edges { node { id urn name phase ofstedRating fsmPercent pupils postcode latitude longitude trust { id name } cluster { id name } openNeeds { id area severity priority } } } } }`,
    );
    expect(page.errors).toBeUndefined();
  });
});

describe('page size', () => {
  it('refuses more than 100 items a page, on connections and rankings alike', async () => {
    const tooMany = await api.gql(`{ academies(first: 101) { edges { node { id } } } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await api.gql(`{ trusts(first: -1) { edges { node { id } } } }`);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ranking = await api.gql(`query ($n: ID!) { rankNeedsForAcademy(academyId: $n, first: 101) { rank } }`, { n: 'QWNhZGVteTowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=' }, { token: admin });
    expect(ranking.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const full = await api.gql(`{ academies(first: 100) { edges { node { id } } } }`);
    expect(full.errors).toBeUndefined();
  });
});

describe('request body', () => {
  const padded = (bytes: number) => {
    const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
  };

  it(`answers a body of ${limits.bodyLimitBytes} bytes and refuses one byte more with 413`, async () => {
    const ok = await post(padded(limits.bodyLimitBytes));
    expect(ok.status).toBe(200);
    const tooBig = await post(padded(limits.bodyLimitBytes + 1));
    expect(tooBig).toEqual({ status: 413, body: { errors: [{ message: expect.stringContaining('too large'), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
  });

  it('counts the decompressed size, so a small gzip bomb is refused too', async () => {
    const bomb = new Uint8Array(gzipSync(padded(5 * limits.bodyLimitBytes)));
    expect(bomb.length).toBeLessThan(limits.bodyLimitBytes / 10);
    const res = await post(bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    const unknownEncoding = await post('{}', { 'content-encoding': 'br-nope' });
    expect(unknownEncoding.status).toBe(415);
    expect(unknownEncoding.body.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
