// Every mutation against every kind of caller, in and out of scope (API.md, Access rules).
// A refusal must carry the right code (UNAUTHENTICATED without a valid token, FORBIDDEN
// without the right) and write nothing: no write command reaches the database during the
// call, and every collection reads back byte for byte the same after all the refusals.
// Then every caller with the right must get through: ADMIN and the cheap mutations on a
// fresh target, the deployment moves on a cancelled deployment, where passing the access
// check leads to INVALID_TRANSITION (tests/api/deployments.test.ts runs them for real).
//
// The world: trust T ("in": hub C of academies A and B, hub C2 of academy E) and trust U
// ("out": hub D of academies X and Y). Every caller except ADMIN belongs to trust T.
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import mongoose from 'mongoose';
import { mintToken, type TokenClaims } from '../../server/auth/tokens';
import { type GraphQLResponse, TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

type Side = 'in' | 'out';

interface Principal {
  name: string;
  token: () => Promise<string | null>;
  /** A token that fails authentication: every mutation is UNAUTHENTICATED. */
  invalid?: boolean;
}

interface MutationCase {
  name: string;
  document: string;
  /** Callers (by name) allowed on the in-scope target; ADMIN is allowed everywhere. */
  allowed: string[];
  /** Variables for a target on that side; `fresh` when an allowed call will consume it. */
  variables: (side: Side, fresh: boolean) => Promise<Record<string, unknown>>;
  /**
   * For costly targets: a target where a caller who passes the access check is stopped next
   * by a business rule (this user-error code), writing nothing. Callers other than ADMIN are
   * checked against it; ADMIN still performs the real thing on a fresh target.
   */
  authorisedProbe?: { code: string; variables: () => Promise<Record<string, unknown>> };
}

let api: TestApi;
let admin: string;
const world = {} as Record<'T' | 'U' | 'C' | 'C2' | 'D' | 'A' | 'B' | 'E' | 'X' | 'Y' | 'teacher' | 'supporterIn' | 'supporterOut' | 'staffOut', string>;
const sideOf = (side: Side) =>
  side === 'in'
    ? { trust: world.T, hub: world.C, school: world.A, supporter: world.supporterIn, profile: world.teacher }
    : { trust: world.U, hub: world.D, school: world.X, supporter: world.supporterOut, profile: world.staffOut };

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'create', 'drop', 'createIndexes', 'bulkWrite']);
const claims = (role: TokenClaims['role'], scopes: Partial<TokenClaims>) => ({ sub: scopes.staffId ?? `matrix-${role.toLowerCase()}-${Object.values(scopes).join('-')}`, role, ...scopes });

const principals: Principal[] = [
  { name: 'no token', invalid: true, token: async () => null },
  { name: 'malformed token', invalid: true, token: async () => 'not-a-jwt' },
  { name: 'expired token', invalid: true, token: () => mintToken(claims('ADMIN', {}), TEST_JWT_SECRET, Math.floor(Date.now() / 1000) - 60) },
  { name: 'wrong signature', invalid: true, token: () => mintToken(claims('ADMIN', {}), 'another-secret-entirely-0123456789abcdef') },
  { name: 'unsigned (alg none)', invalid: true, token: async () => unsignedToken({ sub: 'x', role: 'ADMIN' }) },
  {
    name: 'unknown role',
    invalid: true,
    token: () => new SignJWT({ role: 'SUPERUSER' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET)),
  },
  { name: 'TEACHER', token: () => mintToken(claims('TEACHER', { staffId: world.teacher, academyId: world.A }), TEST_JWT_SECRET) },
  { name: 'HEADTEACHER', token: () => mintToken(claims('HEADTEACHER', { academyId: world.A, trustId: world.T }), TEST_JWT_SECRET) },
  // Heads the supporters' home school B: releases them, nothing more.
  { name: 'HEADTEACHER of B', token: () => mintToken(claims('HEADTEACHER', { academyId: world.B, trustId: world.T }), TEST_JWT_SECRET) },
  { name: 'EXECUTIVE_HEAD', token: () => mintToken(claims('EXECUTIVE_HEAD', { clusterId: world.C, trustId: world.T }), TEST_JWT_SECRET) },
  { name: 'EXECUTIVE_HEAD of C2', token: () => mintToken(claims('EXECUTIVE_HEAD', { clusterId: world.C2, trustId: world.T }), TEST_JWT_SECRET) },
  { name: 'IMPROVEMENT_LEAD', token: () => mintToken(claims('IMPROVEMENT_LEAD', { trustId: world.T }), TEST_JWT_SECRET) },
  { name: 'IMPROVEMENT_LEAD without trust', token: () => mintToken(claims('IMPROVEMENT_LEAD', {}), TEST_JWT_SECRET) },
  { name: 'ADMIN', token: () => mintToken(claims('ADMIN', {}), TEST_JWT_SECRET) },
];

function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...payload, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${(counter += 1)}`;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code message } } }`;
const AGREE = `mutation ($input: DeploymentIdInput!) { agreeDeployment(input: $input) { deployment { id status } userErrors { code message } } }`;
const START = `mutation ($input: DeploymentIdInput!) { startDeployment(input: $input) { deployment { id status } userErrors { code message } } }`;
const CANCEL = `mutation ($input: DeploymentIdInput!) { cancelDeployment(input: $input) { deployment { id status } userErrors { code message } } }`;

async function needAt(side: Side): Promise<string> {
  return (await raiseNeed(api, admin, sideOf(side).school, { daysRequested: 5 })).id;
}

/** A deployment of a supporter from the side's school B (or Y) to its school A (or X). */
async function deployment(side: Side, status: 'PROPOSED' | 'AGREED' | 'ACTIVE' | 'CANCELLED'): Promise<string> {
  const needId = await needAt(side);
  const { deployment: d } = await must(api, PROPOSE, { input: { needId, staffId: sideOf(side).supporter, days: 1 } }, admin, 'proposeDeployment');
  if (status === 'CANCELLED') await must(api, CANCEL, { input: { id: d.id } }, admin, 'cancelDeployment');
  if (status === 'AGREED' || status === 'ACTIVE') await must(api, AGREE, { input: { id: d.id } }, admin, 'agreeDeployment');
  if (status === 'ACTIVE') await must(api, START, { input: { id: d.id } }, admin, 'startDeployment');
  return d.id;
}

/** Shared targets for refusals (never consumed), one per name and side. */
const shared = new Map<string, Record<string, unknown>>();
function target(name: string, make: (side: Side) => Promise<Record<string, unknown>>) {
  return async (side: Side, fresh: boolean) => {
    if (fresh) return make(side);
    const key = `${name}:${side}`;
    if (!shared.has(key)) shared.set(key, await make(side));
    return shared.get(key)!;
  };
}

/** One open need per side for all refusals (a refusal changes nothing, so they can share). */
const sharedNeed = async (side: Side) => ((await target('need', async (s) => ({ id: await needAt(s) }))(side, false)) as { id: string }).id;

/** A deployment in a status: fresh for an allowed call, else one shared by all refusals. */
async function deploymentIn(side: Side, status: 'PROPOSED' | 'AGREED' | 'ACTIVE', fresh: boolean): Promise<string> {
  if (fresh) return deployment(side, status);
  return ((await target(status, async (s) => ({ id: await deployment(s, status) }))(side, false)) as { id: string }).id;
}

/** A cancelled deployment in scope: every move on it is INVALID_TRANSITION once authorised. */
const terminal = target('terminal', async (side) => ({ input: { id: await deployment(side, 'CANCELLED') } }));
const terminalCompletion = async () => {
  const { input } = (await terminal('in', false)) as { input: { id: string } };
  return { input: { ...input, impactRating: 3, impactEvidence: 'Matrix: reading ages up a year' } };
};

const mutation = (name: string, inputType: string, selection: string) =>
  `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code message } } }`;
const NEED_ROLES = ['HEADTEACHER', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD'];
const ARRANGERS = ['EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD'];
const EITHER_SCHOOL = ['HEADTEACHER', 'HEADTEACHER of B', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD'];

const cases: MutationCase[] = [
  {
    name: 'createTrust',
    document: mutation('createTrust', 'CreateTrustInput', 'trust { id }'),
    allowed: [],
    variables: async () => ({ input: { name: unique('Matrix Trust') } }),
  },
  {
    // Refused out of scope: an upsert by URN of trust U's academy claiming it for trust T.
    // (Allowed calls keep each academy in its own trust, for the cases after this one.)
    name: 'upsertAcademy',
    document: mutation('upsertAcademy', 'UpsertAcademyInput', 'academy { id }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: async (side, fresh) => ({
      input: { urn: side === 'in' ? urnOf.A : urnOf.X, name: unique('Renamed Academy'), trustId: fresh ? sideOf(side).trust : world.T },
    }),
  },
  {
    name: 'createCluster',
    document: mutation('createCluster', 'CreateClusterInput', 'cluster { id }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: target('createCluster', async (side) => ({
      input: { name: unique('Matrix Hub'), trustId: sideOf(side).trust, leadAcademyId: await createAcademy(api, admin, { trustId: sideOf(side).trust }) },
    })),
  },
  {
    name: 'moveAcademyToCluster',
    document: mutation('moveAcademyToCluster', 'MoveAcademyToClusterInput', 'academy { id }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: target('moveAcademyToCluster', async (side) => ({
      input: { academyId: await createAcademy(api, admin, { trustId: sideOf(side).trust }), clusterId: sideOf(side).hub },
    })),
  },
  {
    // Erasure of a leaver (issue 16): ADMIN, or their trust's improvement lead.
    name: 'eraseStaffMember',
    document: mutation('eraseStaffMember', 'EraseStaffMemberInput', 'staffMember { id name }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: target('eraseStaffMember', async (side) => ({ input: { staffId: (await createStaff(api, admin, sideOf(side).school)).id } })),
  },
  {
    name: 'createStaffMember',
    document: mutation('createStaffMember', 'CreateStaffMemberInput', 'staffMember { id }'),
    allowed: ['HEADTEACHER', 'IMPROVEMENT_LEAD'],
    variables: async (side) => ({
      input: { name: 'Matrix Person', email: `${unique('matrix').replace(' ', '.')}@example.org.uk`, role: 'TEACHER', homeAcademyId: sideOf(side).school, capacityDays: 5 },
    }),
  },
  {
    // In scope: the TEACHER's own profile at A.
    name: 'updateStaffMember',
    document: mutation('updateStaffMember', 'UpdateStaffMemberInput', 'staffMember { id }'),
    allowed: ['TEACHER', 'HEADTEACHER', 'IMPROVEMENT_LEAD'],
    variables: async (side) => ({ input: { id: sideOf(side).profile, maxTravelKm: 20 + (counter += 1) } }),
  },
  {
    // In scope: a person at A, whose headteacher and trust lead may mark them as left.
    name: 'markStaffLeft',
    document: mutation('markStaffLeft', 'MarkStaffLeftInput', 'staffMember { id }'),
    allowed: ['HEADTEACHER', 'IMPROVEMENT_LEAD'],
    variables: target('leaver', async (side) => ({ input: { staffId: (await createStaff(api, admin, sideOf(side).school)).id } })),
  },
  {
    name: 'setAcademySupportCapacity',
    document: mutation('setAcademySupportCapacity', 'SetAcademySupportCapacityInput', 'academy { id }'),
    allowed: NEED_ROLES,
    variables: async (side) => ({ input: { academyId: sideOf(side).school, supportCapacityDays: 3 + ((counter += 1) % 5) } }),
  },
  {
    name: 'raiseNeed',
    document: mutation('raiseNeed', 'RaiseNeedInput', 'need { id }'),
    allowed: NEED_ROLES,
    variables: async (side) => ({
      input: { academyId: sideOf(side).school, area: 'MATHS', phase: 'PRIMARY', severity: 'HIGH', description: 'Matrix: maths outcomes below national', daysRequested: 3 },
    }),
  },
  {
    name: 'updateNeed',
    document: mutation('updateNeed', 'UpdateNeedInput', 'need { id }'),
    allowed: NEED_ROLES,
    variables: async (side, fresh) => ({ input: { id: fresh ? await needAt(side) : await sharedNeed(side), severity: 'CRITICAL' } }),
  },
  {
    name: 'closeNeed',
    document: mutation('closeNeed', 'CloseNeedInput', 'need { id }'),
    allowed: NEED_ROLES,
    variables: async (side, fresh) => ({ input: { id: fresh ? await needAt(side) : await sharedNeed(side), reason: 'Matrix' } }),
  },
  {
    name: 'proposeDeployment',
    document: PROPOSE,
    allowed: ARRANGERS,
    variables: async (side, fresh) => ({ input: { needId: fresh ? await needAt(side) : await sharedNeed(side), staffId: sideOf(side).supporter, days: 1 } }),
  },
  {
    name: 'commitAllocation',
    document: mutation('commitAllocation', 'CommitAllocationInput', 'deployments { id } failures { userErrors { code } }'),
    allowed: ARRANGERS,
    variables: async (side, fresh) => ({ input: { assignments: [{ needId: fresh ? await needAt(side) : await sharedNeed(side), staffId: sideOf(side).supporter, days: 1 }] } }),
  },
  {
    // The supporter's home school (B) releases; the receiving school (A) accepts.
    name: 'agreeDeployment',
    document: AGREE,
    allowed: EITHER_SCHOOL,
    variables: async (side, fresh) => ({ input: { id: await deploymentIn(side, 'PROPOSED', fresh) } }),
    authorisedProbe: { code: 'INVALID_TRANSITION', variables: () => terminal('in', false) },
  },
  {
    name: 'startDeployment',
    document: START,
    allowed: ARRANGERS,
    variables: async (side, fresh) => ({ input: { id: await deploymentIn(side, 'AGREED', fresh) } }),
    authorisedProbe: { code: 'INVALID_TRANSITION', variables: () => terminal('in', false) },
  },
  {
    name: 'completeDeployment',
    document: mutation('completeDeployment', 'CompleteDeploymentInput', 'deployment { id }'),
    allowed: ARRANGERS,
    variables: async (side, fresh) => ({
      input: { id: await deploymentIn(side, 'ACTIVE', fresh), impactRating: 3, impactEvidence: 'Matrix: reading ages up a year' },
    }),
    authorisedProbe: { code: 'INVALID_TRANSITION', variables: terminalCompletion },
  },
  {
    name: 'declineDeployment',
    document: mutation('declineDeployment', 'DeploymentIdInput', 'deployment { id }'),
    allowed: EITHER_SCHOOL,
    variables: async (side, fresh) => ({ input: { id: await deploymentIn(side, 'PROPOSED', fresh) } }),
    authorisedProbe: { code: 'INVALID_TRANSITION', variables: () => terminal('in', false) },
  },
  {
    name: 'cancelDeployment',
    document: mutation('cancelDeployment', 'DeploymentIdInput', 'deployment { id }'),
    allowed: ARRANGERS,
    variables: async (side, fresh) => ({ input: { id: await deploymentIn(side, 'PROPOSED', fresh) } }),
    authorisedProbe: { code: 'INVALID_TRANSITION', variables: () => terminal('in', false) },
  },
  // The user directory (who may sign in with the OpenID Connect issuer): ADMIN, or the
  // improvement lead of the record's trust.
  {
    name: 'enrolUser',
    document: mutation('enrolUser', 'EnrolUserInput', 'directoryUser { id }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: async (side) => ({ input: { email: `${unique('enrol').replace(' ', '.')}@example.org.uk`, role: 'HEADTEACHER', academyId: sideOf(side).school } }),
  },
  {
    name: 'updateDirectoryUser',
    document: mutation('updateDirectoryUser', 'UpdateDirectoryUserInput', 'directoryUser { id }'),
    allowed: ['IMPROVEMENT_LEAD'],
    variables: async (side, fresh) => {
      const record = (await directoryRecord(side, fresh)) as { id: string; email: string };
      return { input: { id: record.id, email: record.email, role: 'HEADTEACHER', academyId: sideOf(side).school, name: unique('Renamed') } };
    },
  },
  {
    name: 'removeDirectoryUser',
    document: `mutation ($input: RemoveDirectoryUserInput!) { removeDirectoryUser(input: $input) { removedId userErrors { code message } } }`,
    allowed: ['IMPROVEMENT_LEAD'],
    variables: async (side, fresh) => ({ input: { id: ((await directoryRecord(side, fresh)) as { id: string }).id } }),
  },
];

/** A directory record at the side's school: fresh for an allowed call, else shared. */
const directoryRecord = target('directoryRecord', async (side) => {
  const email = `${unique('directory').replace(' ', '.')}@example.org.uk`;
  const payload = await must(api, mutation('enrolUser', 'EnrolUserInput', 'directoryUser { id }'), { input: { email, role: 'HEADTEACHER', academyId: sideOf(side).school } }, admin, 'enrolUser');
  return { id: payload.directoryUser.id, email };
});

const urnOf = {} as Record<'A' | 'X', string>;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'matrix-setup' });
  world.T = await createTrust(api, admin, 'Matrix Trust In');
  world.U = await createTrust(api, admin, 'Matrix Trust Out');
  for (const [key, trust] of [['A', 'T'], ['B', 'T'], ['E', 'T'], ['X', 'U'], ['Y', 'U']] as const) {
    world[key] = await createAcademy(api, admin, { name: `Matrix School ${key}`, trustId: world[trust] });
  }
  for (const [key, trust, lead, members] of [['C', 'T', 'A', ['B']], ['C2', 'T', 'E', []], ['D', 'U', 'X', ['Y']]] as const) {
    const payload = await must(
      api,
      CREATE_CLUSTER,
      { input: { name: `Matrix Hub ${key}`, trustId: world[trust], leadAcademyId: world[lead], memberAcademyIds: members.map((m) => world[m]) } },
      admin,
      'createCluster',
    );
    world[key] = payload.cluster.id;
  }
  world.teacher = (await createStaff(api, admin, world.A)).id;
  world.supporterIn = (await createStaff(api, admin, world.B, { capacityDays: 200 })).id;
  world.supporterOut = (await createStaff(api, admin, world.Y, { capacityDays: 200 })).id;
  world.staffOut = (await createStaff(api, admin, world.X)).id;
  const urns = await api.gql(`query ($a: ID!, $x: ID!) { a: node(id: $a) { ... on Academy { urn } } x: node(id: $x) { ... on Academy { urn } } }`, { a: world.A, x: world.X });
  urnOf.A = urns.data.a.urn;
  urnOf.X = urns.data.x.urn;
});
afterAll(() => api.close());

/** Every collection's documents, hashed: equal digests mean nothing was written. */
async function databaseDigest(): Promise<string> {
  const db = mongoose.connection.db!;
  const hash = createHash('sha256');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    hash.update(name);
    for (const doc of await db.collection(name).find({}).sort({ _id: 1 }).toArray()) hash.update(JSON.stringify(doc));
  }
  return hash.digest('hex');
}

function expected(mutationCase: MutationCase, principal: Principal, side: Side): 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (principal.invalid) return 'UNAUTHENTICATED';
  if (principal.name === 'ADMIN') return 'ALLOWED';
  return side === 'in' && mutationCase.allowed.includes(principal.name) ? 'ALLOWED' : 'FORBIDDEN';
}

/** The refusal code, or ALLOWED. commitAllocation reports per-part refusals as failures. */
function outcomeOf(mutationCase: MutationCase, res: GraphQLResponse): string {
  if (res.errors?.length) return String(res.errors[0]!.extensions?.code);
  const payload = res.data?.[mutationCase.name];
  if (payload?.userErrors?.length) return `USER_ERRORS ${JSON.stringify(payload.userErrors)}`;
  if (mutationCase.name === 'commitAllocation' && payload.deployments.length === 0) {
    const codes = payload.failures.flatMap((f: any) => f.userErrors.map((e: any) => e.code));
    return codes.length && codes.every((c: string) => c === 'FORBIDDEN') ? 'FORBIDDEN' : `FAILURES ${JSON.stringify(codes)}`;
  }
  return 'ALLOWED';
}

function callers(mutationCase: MutationCase, wanted: 'ALLOWED' | 'REFUSED'): { principal: Principal; side: Side }[] {
  const list: { principal: Principal; side: Side }[] = [];
  for (const principal of principals) {
    // Invalid tokens fail before any target is read, and ADMIN has no scope: one target each.
    for (const side of principal.invalid || principal.name === 'ADMIN' ? (['in'] as const) : (['in', 'out'] as const)) {
      if ((expected(mutationCase, principal, side) === 'ALLOWED') === (wanted === 'ALLOWED')) list.push({ principal, side });
    }
  }
  return list;
}

describe('refusals', () => {
  let before = '';
  beforeAll(async () => {
    // Every refusal's target exists first, so the digest taken now must survive them all.
    for (const mutationCase of cases) for (const side of ['in', 'out'] as const) await mutationCase.variables(side, false);
    before = await databaseDigest();
  });

  it.each(cases)('$name: the right code for every caller without the right, and no write', async (mutationCase) => {
    const got: string[] = [];
    const want: string[] = [];
    for (const { principal, side } of callers(mutationCase, 'REFUSED')) {
      const variables = await mutationCase.variables(side, false);
      const token = await principal.token();
      let res!: GraphQLResponse;
      const commands = await api.countCommands(async () => {
        res = await api.gql(mutationCase.document, variables, { token });
      });
      const label = `${principal.name} on ${side}-scope target`;
      const writes = commands.filter((c) => WRITES.has(c));
      got.push(`${label}: ${outcomeOf(mutationCase, res)}${res.errors?.length && res.data?.[mutationCase.name] ? ' WITH DATA' : ''}${writes.length ? ` WROTE ${writes.join(',')}` : ''}`);
      want.push(`${label}: ${expected(mutationCase, principal, side)}`);
    }
    expect(got).toEqual(want);
  });

  it('left every collection exactly as it was', async () => {
    expect(await databaseDigest()).toBe(before);
  });
});

describe('callers with the right', () => {
  it.each(cases)('$name: lets each of them through', async (mutationCase) => {
    for (const { principal, side } of callers(mutationCase, 'ALLOWED')) {
      const label = `${principal.name} on ${side}-scope target`;
      const probe = principal.name === 'ADMIN' ? undefined : mutationCase.authorisedProbe;
      const res = await api.gql(mutationCase.document, probe ? await probe.variables() : await mutationCase.variables(side, true), { token: await principal.token() });
      const outcome = outcomeOf(mutationCase, res);
      expect(`${label}: ${probe && outcome.startsWith('USER_ERRORS') && outcome.includes(`"code":"${probe.code}"`) ? 'ALLOWED' : outcome}`).toBe(`${label}: ALLOWED`);
    }
  });
});

/** The answer, and the write commands the database received while it was worked out. */
async function watched(action: () => Promise<GraphQLResponse>): Promise<{ res: GraphQLResponse; writes: string[] }> {
  let res!: GraphQLResponse;
  const commands = await api.countCommands(async () => {
    res = await action();
  });
  return { res, writes: commands.filter((c) => WRITES.has(c)) };
}

describe('upsert by URN across trusts', () => {
  const UPSERT = mutation('upsertAcademy', 'UpsertAcademyInput', 'academy { id trust { id } }');
  let lead = '';
  beforeAll(async () => {
    lead = await mintToken(claims('IMPROVEMENT_LEAD', { trustId: world.T }), TEST_JWT_SECRET);
  });

  it.each([
    ['renames another trust’s academy', () => ({ urn: urnOf.X, name: 'Taken Over' })],
    ['moves another trust’s academy out to no trust', () => ({ urn: urnOf.X, trustId: null })],
    ['moves its own academy into another trust', () => ({ urn: urnOf.A, trustId: world.U })],
    ['creates an academy in another trust', () => ({ urn: '7654321', name: 'New Elsewhere', phase: 'PRIMARY', trustId: world.U })],
    ['creates a standalone academy', () => ({ urn: '7654322', name: 'New Standalone', phase: 'PRIMARY' })],
  ])('refuses an IMPROVEMENT_LEAD who %s, writing nothing', async (_title, input) => {
    const { res, writes } = await watched(() => api.gql(UPSERT, { input: input() }, { token: lead }));
    expect({ code: res.errors?.[0]?.extensions?.code, writes }).toEqual({ code: 'FORBIDDEN', writes: [] });
  });
});

describe('a person’s own profile', () => {
  const UPDATE = mutation('updateStaffMember', 'UpdateStaffMemberInput', 'staffMember { id name capacityDays role designations }');
  const teacher = () => mintToken(claims('TEACHER', { staffId: world.teacher, academyId: world.A }), TEST_JWT_SECRET);

  it('lets a TEACHER change their name, expertise and availability, and re-send unchanged managed fields', async () => {
    const res = await api.gql(
      UPDATE,
      { input: { id: world.teacher, name: 'Renamed Teacher', capacityDays: 12, role: 'MIDDLE_LEADER', expertise: [{ area: 'PHONICS', level: 'SECURE', phases: ['PRIMARY'] }] } },
      { token: await teacher() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateStaffMember).toMatchObject({ staffMember: { name: 'Renamed Teacher', capacityDays: 12, role: 'MIDDLE_LEADER' }, userErrors: [] });
  });

  it.each([
    ['their role', { role: 'HEADTEACHER' }],
    ['their designations', { designations: ['NLE'] }],
    ['their school', { homeAcademyId: 'B' }],
    ['their safeguarding check', { safeguardingCheckExpiresOn: '2099-01-01' }],
  ])('refuses a TEACHER changing %s, writing nothing', async (_title, change) => {
    const input = { id: world.teacher, name: 'Should Not Stick', ...change, ...('homeAcademyId' in change ? { homeAcademyId: world.B } : {}) };
    const { res, writes } = await watched(async () => api.gql(UPDATE, { input }, { token: await teacher() }));
    expect({ code: res.errors?.[0]?.extensions?.code, writes }).toEqual({ code: 'FORBIDDEN', writes: [] });
  });

  it('refuses a TEACHER changing a colleague, and any other role changing its own designations', async () => {
    const colleague = (await createStaff(api, admin, world.A)).id;
    const token = await teacher();
    const other = await watched(() => api.gql(UPDATE, { input: { id: colleague, capacityDays: 1 } }, { token }));
    expect({ code: other.res.errors?.[0]?.extensions?.code, writes: other.writes }).toEqual({ code: 'FORBIDDEN', writes: [] });
    // An executive head editing their own record (by staffId) is self-service too.
    const execHead = await mintToken(claims('EXECUTIVE_HEAD', { clusterId: world.C, staffId: colleague }), TEST_JWT_SECRET);
    const own = await watched(() => api.gql(UPDATE, { input: { id: colleague, designations: ['NLE'] } }, { token: execHead }));
    expect({ code: own.res.errors?.[0]?.extensions?.code, writes: own.writes }).toEqual({ code: 'FORBIDDEN', writes: [] });
  });
});

describe('personal data without a valid token', () => {
  let needId: string | null = null;
  /** A need with a person proposed for it, so there is someone to leak. */
  const supportedNeed = async () => {
    if (!needId) {
      const d = await deployment('in', 'PROPOSED');
      needId = (await api.gql(`query ($d: ID!) { node(id: $d) { ... on Deployment { need { id } } } }`, { d }, { token: admin })).data.node.need.id as string;
    }
    return needId;
  };

  it.each([
    ['a staff member by node()', `query ($s: ID!) { node(id: $s) { ... on StaffMember { name email } } }`],
    ['the staff list', `{ staffMembers(first: 5) { edges { node { name email } } } }`],
    ['an academy’s staff', `query ($a: ID!) { node(id: $a) { ... on Academy { name staffMembers { name email } } } }`],
    ['a hub’s executive head', `{ clusters(first: 5) { edges { node { name executiveHead { name email } } } } }`],
    ['who supports a need', `query ($n: ID!) { node(id: $n) { ... on ImprovementNeed { deployments { staffMember { name email } } } } }`],
    ['a ranking of people', `query ($n: ID!) { rankCandidates(needId: $n) { candidates { candidate { ... on StaffMember { name email } } } } }`],
  ])('keeps %s unreadable', async (_title, query) => {
    const variables = { s: world.teacher, a: world.A, n: await supportedNeed() };
    for (const token of [null, await principals[2]!.token(), 'not-a-jwt']) {
      const res = await api.gql(query, variables, { token });
      expect(res.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
      expect(JSON.stringify(res.data ?? {})).not.toMatch(/@example\.org\.uk|Staff Member|Teacher/);
    }
  });
});

// Personal data, field by field (API.md, Access rules; issue 16): every readable field of a
// staff member, every deployment and need description and audit trail, read by every kind
// of caller inside and outside the trust. A refused field is null with a FORBIDDEN error on
// its path (UNAUTHENTICATED without a token) and the rest of the answer arrives.
describe('personal data, by field, caller and trust', () => {
  type Reader = { name: string; claims: (() => TokenClaims) | null };
  const subject = {} as Record<'in' | 'out', string>;
  const readers: Reader[] = [
    { name: 'no token', claims: null },
    { name: 'the person (in)', claims: () => claims('TEACHER', { staffId: subject.in, academyId: world.A }) },
    { name: 'a colleague at their school', claims: () => claims('TEACHER', { staffId: world.teacher, academyId: world.A }) },
    { name: 'HEADTEACHER of their school', claims: () => claims('HEADTEACHER', { academyId: world.A, trustId: world.T }) },
    { name: 'HEADTEACHER of another school of the hub', claims: () => claims('HEADTEACHER', { academyId: world.B, trustId: world.T }) },
    { name: 'EXECUTIVE_HEAD of their hub', claims: () => claims('EXECUTIVE_HEAD', { clusterId: world.C, trustId: world.T }) },
    { name: 'EXECUTIVE_HEAD of another hub of the trust', claims: () => claims('EXECUTIVE_HEAD', { clusterId: world.C2, trustId: world.T }) },
    { name: 'IMPROVEMENT_LEAD of their trust', claims: () => claims('IMPROVEMENT_LEAD', { trustId: world.T }) },
    { name: 'IMPROVEMENT_LEAD without trust', claims: () => claims('IMPROVEMENT_LEAD', {}) },
    { name: 'ADMIN', claims: () => claims('ADMIN', {}) },
    { name: 'the person (out)', claims: () => claims('TEACHER', { staffId: subject.out, academyId: world.X }) },
    { name: 'HEADTEACHER in the other trust', claims: () => claims('HEADTEACHER', { academyId: world.X, trustId: world.U }) },
    { name: 'EXECUTIVE_HEAD in the other trust', claims: () => claims('EXECUTIVE_HEAD', { clusterId: world.D, trustId: world.U }) },
    { name: 'IMPROVEMENT_LEAD of the other trust', claims: () => claims('IMPROVEMENT_LEAD', { trustId: world.U }) },
  ];
  /** Who may read the personal data of the person in trust T (at A, hub C) and in trust U (at X, hub D). */
  const personalReaders: Record<'in' | 'out', string[]> = {
    in: ['the person (in)', 'HEADTEACHER of their school', 'EXECUTIVE_HEAD of their hub', 'IMPROVEMENT_LEAD of their trust', 'ADMIN'],
    out: ['the person (out)', 'HEADTEACHER in the other trust', 'EXECUTIVE_HEAD in the other trust', 'IMPROVEMENT_LEAD of the other trust', 'ADMIN'],
  };
  const PERSONAL_FIELDS = ['email', 'safeguardingCheckExpiresOn', 'capacityDays', 'remainingDays', 'daysCommitted'] as const;
  const MATCHING_FIELDS = ['name', 'role', 'homeAcademy', 'designations', 'expertise', 'maxTravelKm', 'personalDataReadable'] as const;
  const STAFF_FIELDS = `name role homeAcademy { id } designations expertise { area level evidence } maxTravelKm personalDataReadable ${PERSONAL_FIELDS.join(' ')}`;
  const tokenOf = async (reader: Reader) => (reader.claims ? mintToken(reader.claims(), TEST_JWT_SECRET) : null);

  /** 'value', or the error code on the field's own path (with the value null). */
  function fieldOutcome(res: GraphQLResponse, path: (string | number)[], field: string, value: unknown): string {
    const error = res.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify([...path, field]));
    if (error) return `${error.extensions?.code}${value === null ? '' : ' WITH VALUE'}`;
    return value === null || value === undefined ? 'NULL' : 'value';
  }

  beforeAll(async () => {
    const extra = { safeguardingCheckExpiresOn: '2031-03-31', designations: ['SLE'], maxTravelKm: 40 };
    subject.in = (await createStaff(api, admin, world.A, extra)).id;
    subject.out = (await createStaff(api, admin, world.X, extra)).id;
  });

  it.each(['in', 'out'] as const)('a staff member of the %s trust: each field by each caller, by node()', async (side) => {
    const got: string[] = [];
    const want: string[] = [];
    for (const reader of readers) {
      const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { ${STAFF_FIELDS} } } }`, { id: subject[side] }, { token: await tokenOf(reader) });
      if (!reader.claims) {
        got.push(`${reader.name}: ${res.data?.node === null && res.errors?.[0]?.extensions?.code}`);
        want.push(`${reader.name}: UNAUTHENTICATED`);
        continue;
      }
      const node = res.data?.node ?? {};
      const may = personalReaders[side].includes(reader.name);
      for (const field of MATCHING_FIELDS) {
        got.push(`${reader.name} ${field}: ${fieldOutcome(res, ['node'], field, node[field])}`);
        want.push(`${reader.name} ${field}: value`);
      }
      expect(node.personalDataReadable).toBe(may);
      for (const field of PERSONAL_FIELDS) {
        got.push(`${reader.name} ${field}: ${fieldOutcome(res, ['node'], field, node[field])}`);
        want.push(`${reader.name} ${field}: ${may ? 'value' : 'FORBIDDEN'}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('says who may read a refused field', async () => {
    const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { name email } } }`, { id: subject.out }, { token: await tokenOf(readers[7]!) });
    expect(res.data.node.name).toMatch(/^Staff Member/);
    expect(res.errors?.[0]?.message).toBe(
      "Forbidden: StaffMember.email is personal data, readable only by the person themself, their school's headteacher, their hub's executive head, their trust's improvement lead and ADMIN",
    );
  });

  it('keeps lists of staff to the reduced view outside the caller’s reach: staffMembers, a school’s staff, a hub’s executive head', async () => {
    const lead = await tokenOf(readers[7]!);
    const list = await api.gql(`query ($u: ID!) { staffMembers(first: 50, filter: { trustId: $u }) { edges { node { id name email } } } }`, { u: world.U }, { token: lead });
    const edges = list.data.staffMembers.edges as { node: { id: string; name: string; email: string | null } }[];
    expect(edges.map((e) => e.node.id)).toContain(subject.out);
    for (const [i, edge] of edges.entries()) {
      expect({ name: typeof edge.node.name, email: edge.node.email }).toEqual({ name: 'string', email: null });
      expect(list.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(['staffMembers', 'edges', i, 'node', 'email']))?.extensions?.code).toBe('FORBIDDEN');
    }
    const school = await api.gql(`query ($a: ID!) { node(id: $a) { ... on Academy { staffMembers { id email } } } }`, { a: world.A }, { token: lead });
    expect(school.errors).toBeUndefined();
    expect(school.data.node.staffMembers.every((s: { email: string | null }) => typeof s.email === 'string')).toBe(true);
  });

  it('shows the same reduced view inside a ranking across trusts', async () => {
    const needId = await needAt('in');
    const lead = await tokenOf(readers[7]!);
    const res = await api.gql(
      `query ($n: ID!) { rankCandidates(needId: $n, first: 50) { candidates { candidate { ... on StaffMember { id name homeAcademy { trust { id } } personalDataReadable email remainingDays } } } } }`,
      { n: needId },
      { token: lead },
    );
    const candidates = (res.data.rankCandidates.candidates as { candidate: any }[]).map((c) => c.candidate);
    const trusts = new Set(candidates.map((c) => c.homeAcademy.trust?.id));
    expect(trusts).toEqual(new Set([world.T, world.U]));
    for (const [i, c] of candidates.entries()) {
      const own = c.homeAcademy.trust?.id === world.T;
      expect({ readable: c.personalDataReadable, email: typeof c.email, days: typeof c.remainingDays }).toEqual(
        own ? { readable: true, email: 'string', days: 'number' } : { readable: false, email: 'object', days: 'object' },
      );
      const codes = (res.errors ?? []).filter((e) => (e.path as unknown[] | undefined)?.[2] === i).map((e) => `${e.path?.at(-1)}:${e.extensions?.code}`);
      expect(codes).toEqual(own ? [] : ['email:FORBIDDEN', 'remainingDays:FORBIDDEN']);
    }
  });

  it('lets a filter on days left run only within the caller’s own scope (else it would read capacity)', async () => {
    const got: string[] = [];
    const want: string[] = [];
    const scopes = [
      ['trust T', () => ({ trustId: world.T }), ['IMPROVEMENT_LEAD of their trust']],
      ['hub C', () => ({ clusterId: world.C }), ['EXECUTIVE_HEAD of their hub']],
      ['school A', () => ({ homeAcademyId: world.A }), ['HEADTEACHER of their school']],
      ['everyone', () => ({}), []],
    ] as const;
    for (const [label, filter, allowed] of scopes) {
      for (const reader of readers) {
        const res = await api.gql(
          `query ($f: StaffMemberFilter) { staffMembers(first: 5, filter: $f) { edges { node { id } } } }`,
          { f: { ...filter(), minRemainingDays: 1 } },
          { token: await tokenOf(reader) },
        );
        got.push(`${label} ${reader.name}: ${res.data?.staffMembers ? 'listed' : res.errors?.[0]?.extensions?.code}`);
        want.push(`${label} ${reader.name}: ${!reader.claims ? 'UNAUTHENTICATED' : [...allowed, 'ADMIN'].includes(reader.name) ? 'listed' : 'FORBIDDEN'}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('keeps the audit trails of a hub and a trust inside the trust', async () => {
    const outside = ['no token', 'IMPROVEMENT_LEAD without trust', 'the person (out)', 'HEADTEACHER in the other trust', 'EXECUTIVE_HEAD in the other trust', 'IMPROVEMENT_LEAD of the other trust'];
    const got: string[] = [];
    const want: string[] = [];
    for (const [label, id] of [['hub C', world.C], ['trust T', world.T], ['school B', world.B]] as const) {
      for (const reader of readers) {
        const res = await api.gql(`query ($id: ID!) { history(id: $id) { action } }`, { id }, { token: await tokenOf(reader) });
        got.push(`${label} ${reader.name}: ${res.data?.history?.length ? 'entries' : res.errors?.[0]?.extensions?.code ?? 'EMPTY'}`);
        want.push(`${label} ${reader.name}: ${!reader.claims ? 'UNAUTHENTICATED' : outside.includes(reader.name) ? 'FORBIDDEN' : 'entries'}`);
      }
    }
    expect(got).toEqual(want);
  });

  describe('deployments, need descriptions and audit trails', () => {
    const ids = {} as Record<'needIn' | 'needOut' | 'inside' | 'across' | 'acrossProposed', string>;
    const DEPLOYMENT_READERS_INSIDE = ['HEADTEACHER of their school', 'HEADTEACHER of another school of the hub', 'EXECUTIVE_HEAD of their hub', 'IMPROVEMENT_LEAD of their trust', 'ADMIN'];

    beforeAll(async () => {
      // A deployment inside trust T (supporterIn of B to A), and one across (the person out, of X, to A).
      ids.needIn = await needAt('in');
      ids.needOut = await needAt('out');
      ids.inside = (await must(api, PROPOSE, { input: { needId: ids.needIn, staffId: world.supporterIn, days: 1 } }, admin, 'proposeDeployment')).deployment.id;
      ids.across = (await must(api, PROPOSE, { input: { needId: ids.needIn, staffId: subject.out, days: 1 } }, admin, 'proposeDeployment')).deployment.id;
      await must(api, AGREE, { input: { id: ids.across } }, admin, 'agreeDeployment');
      const other = await needAt('in');
      ids.acrossProposed = other;
      await must(api, PROPOSE, { input: { needId: other, staffId: subject.out, days: 1 } }, admin, 'proposeDeployment');
    });

    it('a deployment: readable by the receiving side and by those who may read the supporter’s personal data', async () => {
      // Readers of the cross-trust deployment: the receiving side in T, the supporter's side in U.
      const expectedReaders: Record<'inside' | 'across', string[]> = {
        inside: [...DEPLOYMENT_READERS_INSIDE],
        across: ['HEADTEACHER of their school', 'EXECUTIVE_HEAD of their hub', 'IMPROVEMENT_LEAD of their trust', 'ADMIN', ...personalReaders.out.filter((r) => r !== 'ADMIN')],
      };
      const got: string[] = [];
      const want: string[] = [];
      for (const which of ['inside', 'across'] as const) {
        for (const reader of readers) {
          const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { id days status } } }`, { id: ids[which] }, { token: await tokenOf(reader) });
          got.push(`${which} ${reader.name}: ${res.data?.node?.id === ids[which] ? 'value' : res.errors?.[0]?.extensions?.code}`);
          want.push(`${which} ${reader.name}: ${!reader.claims ? 'UNAUTHENTICATED' : expectedReaders[which].includes(reader.name) ? 'value' : 'FORBIDDEN'}`);
        }
      }
      expect(got).toEqual(want);
    });

    it('nodes(): a deployment the caller may not read is null with FORBIDDEN in its place, the others arrive', async () => {
      const res = await api.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [ids.across, ids.inside, ids.needIn] }, { token: await tokenOf(readers[13]!) });
      expect(res.data.nodes).toEqual([{ id: ids.across }, null, { id: ids.needIn }]);
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['nodes', 1], 'FORBIDDEN']]);
    });

    it('a need’s deployments list only those the caller may read', async () => {
      const res = await api.gql(`query ($n: ID!) { node(id: $n) { ... on ImprovementNeed { deployments { id } } } }`, { n: ids.needIn }, { token: await tokenOf(readers[13]!) });
      expect(res.errors).toBeUndefined();
      expect(res.data.node.deployments.map((d: { id: string }) => d.id)).toEqual([ids.across]);
      const colleague = await api.gql(`query ($n: ID!) { node(id: $n) { ... on ImprovementNeed { deployments { id } } } }`, { n: ids.needIn }, { token: await tokenOf(readers[2]!) });
      expect(colleague.data.node.deployments).toEqual([]);
    });

    it('a need’s description: inside its trust, and by a supporter once agreed', async () => {
      const got: string[] = [];
      const want: string[] = [];
      const insideT = readers.filter((r) => r.claims && !['the person (out)', 'HEADTEACHER in the other trust', 'EXECUTIVE_HEAD in the other trust', 'IMPROVEMENT_LEAD of the other trust', 'IMPROVEMENT_LEAD without trust'].includes(r.name)).map((r) => r.name);
      const insideU = ['the person (out)', 'HEADTEACHER in the other trust', 'EXECUTIVE_HEAD in the other trust', 'IMPROVEMENT_LEAD of the other trust', 'ADMIN'];
      // The person out supports needIn (agreed) but only proposed for acrossProposed.
      const cases = [['needIn', [...insideT, 'the person (out)']], ['acrossProposed', insideT], ['needOut', insideU]] as const;
      for (const [which, allowed] of cases) {
        for (const reader of readers) {
          const res = await api.gql(`query ($n: ID!) { node(id: $n) { ... on ImprovementNeed { area description } } }`, { n: ids[which] }, { token: await tokenOf(reader) });
          got.push(`${which} ${reader.name}: ${res.data.node.area === 'MATHS' ? fieldOutcome(res, ['node'], 'description', res.data.node.description) : 'NO NEED'}`);
          want.push(`${which} ${reader.name}: ${!reader.claims ? 'UNAUTHENTICATED' : (allowed as readonly string[]).includes(reader.name) ? 'value' : 'FORBIDDEN'}`);
        }
      }
      expect(got).toEqual(want);
    });

    it('an audit trail: a staff member’s by those who may read their personal data, a need’s by those who may read its description', async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const reader of readers) {
        for (const [label, id, allowed] of [
          ['staff in', subject.in, personalReaders.in],
          ['staff out', subject.out, personalReaders.out],
          ['deployment inside', ids.inside, DEPLOYMENT_READERS_INSIDE],
        ] as const) {
          const res = await api.gql(`query ($id: ID!) { history(id: $id) { action changes { field to } } }`, { id }, { token: await tokenOf(reader) });
          got.push(`${label} ${reader.name}: ${res.data?.history ? (res.data.history.length > 0 ? 'entries' : 'EMPTY') : res.errors?.[0]?.extensions?.code}`);
          want.push(`${label} ${reader.name}: ${!reader.claims ? 'UNAUTHENTICATED' : (allowed as readonly string[]).includes(reader.name) ? 'entries' : 'FORBIDDEN'}`);
        }
      }
      expect(got).toEqual(want);
    });
  });
});
