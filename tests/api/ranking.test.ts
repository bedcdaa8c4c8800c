import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
const ids: Record<string, string> = {};
let needId: string;

// Bodmin (the school in need), Lostwithiel ~8 km away, Truro ~33 km away.
const BODMIN = { latitude: 50.4717, longitude: -4.7243 };
const LOSTWITHIEL = { latitude: 50.4077, longitude: -4.6695 };
const TRURO = { latitude: 50.2632, longitude: -5.051 };

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const trust = await createTrust(api, admin, 'Ranking Trust');
  const other = await createTrust(api, admin, 'Far Trust');
  ids.inNeed = await createAcademy(api, admin, { name: 'Bodmin Primary', trustId: trust, fsmPercent: 40, ofstedRating: 'REQUIRES_IMPROVEMENT', ...BODMIN });
  ids.hubLead = await createAcademy(api, admin, { name: 'Lostwithiel Primary', trustId: trust, ofstedRating: 'OUTSTANDING', fsmPercent: 35, ...LOSTWITHIEL });
  ids.far = await createAcademy(api, admin, { name: 'Truro Primary', trustId: other, fsmPercent: 10, ...TRURO });
  ids.inadequate = await createAcademy(api, admin, { name: 'Struggling Primary', trustId: trust, ofstedRating: 'INADEQUATE', ...LOSTWITHIEL });
  await must(api, CREATE_CLUSTER, { input: { name: 'Bodmin Hub', trustId: trust, leadAcademyId: ids.hubLead, memberAcademyIds: [ids.inNeed] } }, admin, 'createCluster');

  const maths = (level: string) => [{ area: 'MATHS', level, phases: ['PRIMARY'] }];
  ids.best = (await createStaff(api, admin, ids.hubLead, { name: 'Best Fit', expertise: maths('SYSTEM_LEADER'), designations: ['SLE'] })).id;
  ids.weaker = (await createStaff(api, admin, ids.far, { name: 'Far Secure', expertise: maths('SECURE') })).id;
  await createStaff(api, admin, ids.hubLead, { name: 'No Maths', expertise: [{ area: 'PHONICS', level: 'EXPERT' }] });
  await createStaff(api, admin, ids.hubLead, { name: 'No Days', capacityDays: 0, expertise: maths('EXPERT') });
  await createStaff(api, admin, ids.inNeed, { name: 'Same School', expertise: maths('EXPERT') });
  await createStaff(api, admin, ids.far, { name: 'Short Range', maxTravelKm: 5, expertise: maths('EXPERT') });
  await createStaff(api, admin, ids.inadequate, { name: 'Needed At Home', expertise: maths('EXPERT') });
  await createStaff(api, admin, ids.hubLead, { name: 'Check Expired', safeguardingCheckExpiresOn: '2020-01-01', expertise: maths('EXPERT') });
  needId = (await raiseNeed(api, admin, ids.inNeed, { area: 'MATHS', phase: 'PRIMARY', daysRequested: 4 })).id;
});
afterAll(() => api.close());

const RANK = `query ($needId: ID!, $kind: CandidateKind, $first: Int) {
  rankCandidates(needId: $needId, kind: $kind, first: $first) {
    need { id }
    eligibleCount consideredCount
    exclusions { reason count }
    candidates { rank score distanceKm factors { name weight value contribution detail } candidate { __typename ... on StaffMember { id name } ... on Academy { id name } } }
  }
}`;

describe('rankCandidates', () => {
  it('puts the near, expert, same-hub candidate first and explains every score', async () => {
    const res = await api.gql(RANK, { needId }, { token: admin });
    expect(res.errors).toBeUndefined();
    const ranking = res.data.rankCandidates;
    expect(ranking.candidates.map((c: any) => c.candidate.name)).toEqual(['Best Fit', 'Far Secure']);
    expect(ranking.candidates.map((c: any) => c.rank)).toEqual([1, 2]);
    for (const c of ranking.candidates) {
      const sum = c.factors.reduce((total: number, f: any) => total + f.contribution, 0);
      expect(sum).toBeCloseTo(c.score, 9);
      for (const f of c.factors) expect(f.contribution).toBeCloseTo(f.weight * f.value, 9);
    }
    expect(ranking.candidates[0].distanceKm).toBeGreaterThan(6);
    expect(ranking.candidates[0].distanceKm).toBeLessThan(10);
  });

  it('counts each ruled-out candidate once, under its reason', async () => {
    const ranking = (await api.gql(RANK, { needId }, { token: admin })).data.rankCandidates;
    const counts = Object.fromEntries(ranking.exclusions.map((e: any) => [e.reason, e.count]));
    expect(counts).toEqual({
      NO_MATCHING_EXPERTISE: 1,
      NO_CAPACITY: 1,
      SAME_SCHOOL: 1,
      OUT_OF_TRAVEL_RANGE: 1,
      HOME_SCHOOL_INADEQUATE: 1,
      SAFEGUARDING_EXPIRED: 1,
      ALREADY_SUPPORTING: 0,
      NOT_AVAILABLE_IN_WINDOW: 0, // nobody here states availability (tests/api/availability.test.ts)
      HOME_SCHOOL_CLOSED: 0, // no school here has closed (tests/api/closed-schools.test.ts)
    });
    // Listed in the contract's order, the reasons added later (time windows, closed schools) last.
    expect(ranking.exclusions.map((e: any) => e.reason)).toEqual([
      'NO_MATCHING_EXPERTISE', 'NO_CAPACITY', 'SAME_SCHOOL', 'OUT_OF_TRAVEL_RANGE', 'HOME_SCHOOL_INADEQUATE', 'SAFEGUARDING_EXPIRED', 'ALREADY_SUPPORTING', 'NOT_AVAILABLE_IN_WINDOW', 'HOME_SCHOOL_CLOSED',
    ]);
    expect(ranking.eligibleCount).toBe(2);
    expect(ranking.consideredCount).toBe(8);
  });

  it('returns at most `first` candidates while still counting everyone eligible', async () => {
    const ranking = (await api.gql(RANK, { needId, first: 1 }, { token: admin })).data.rankCandidates;
    expect(ranking.candidates).toHaveLength(1);
    expect(ranking.eligibleCount).toBe(2);
  });

  it('ranks supporting academies when asked', async () => {
    const ranking = (await api.gql(RANK, { needId, kind: 'ACADEMY' }, { token: admin })).data.rankCandidates;
    expect(ranking.consideredCount).toBe(ranking.eligibleCount + ranking.exclusions.reduce((t: number, e: any) => t + e.count, 0));
  });

  it('answers bad arguments with clear errors, never a server error', async () => {
    const unknown = await api.gql(RANK, { needId: Buffer.from('ImprovementNeed:0123456789abcdef01234567').toString('base64') }, { token: admin });
    expect(unknown.errors?.[0]?.message).toMatch(/No ImprovementNeed exists/);
    const wrongType = await api.gql(RANK, { needId: ids.inNeed }, { token: admin });
    expect(wrongType.errors?.[0]?.message).toMatch(/must be the ID of a ImprovementNeed, not of a Academy/);
    const garbage = await api.gql(RANK, { needId: '!!!' }, { token: admin });
    expect(garbage.errors?.[0]?.message).toMatch(/not a valid ID/);
    for (const first of [0, 101]) {
      const res = await api.gql(RANK, { needId, first }, { token: admin });
      expect(res.errors?.[0]?.message).toMatch(/"first" must be between 1 and 100/);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const anonymous = await api.gql(RANK, { needId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('rankNeedsForStaff', () => {
  it('pulls the more disadvantaged school’s need up, all else equal', async () => {
    const trust = await createTrust(api, admin, 'Twin Trust');
    const low = await createAcademy(api, admin, { name: 'Twin Low', trustId: trust, fsmPercent: 8, ...TRURO });
    const high = await createAcademy(api, admin, { name: 'Twin High', trustId: trust, fsmPercent: 52, ...TRURO });
    const helper = await createStaff(api, admin, ids.far!, { name: 'Science Helper', expertise: [{ area: 'SCIENCE', level: 'EXPERT', phases: ['PRIMARY'] }] });
    const a = await raiseNeed(api, admin, low, { area: 'SCIENCE' });
    const b = await raiseNeed(api, admin, high, { area: 'SCIENCE' });
    const res = await api.gql(`query ($id: ID!) { rankNeedsForStaff(staffId: $id, first: 5) { rank score need { id } factors { name contribution } } }`, { id: helper.id }, { token: admin });
    expect(res.errors).toBeUndefined();
    const ranked = res.data.rankNeedsForStaff;
    expect(ranked.map((r: any) => r.need.id)).toEqual([b.id, a.id]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    const disadvantage = (r: any) => r.factors.find((f: any) => f.name === 'disadvantage').contribution;
    expect(disadvantage(ranked[0])).toBeGreaterThan(disadvantage(ranked[1]));
  });
});
