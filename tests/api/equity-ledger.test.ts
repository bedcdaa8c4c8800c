// The equity ledger on a hand-made trust whose answer is worked out below, through the API:
// deployments really proposed, agreed, started and completed; the bands first the fixed
// fallback (no register loaded), then national quintiles computed from the schools recorded,
// which plan fairness then uses too. Who may read it, and bad arguments.
import { recomputeNationalFsmBanding } from '../../server/services/fsm-banding';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
type School = 'P' | 'Q' | 'R' | 'S' | 'U' | 'X';
const school = {} as Record<School, string>;
const staff = {} as Record<'p1' | 'q1' | 'r1' | 's1' | 'x1', string>;
let trustId: string;
let otherTrustId: string;
let hubId: string;
let execHeadId: string;

const LEDGER = `query ($trustId: ID!, $hubId: ID, $schoolYear: String) {
  equityLedger(trustId: $trustId, hubId: $hubId, schoolYear: $schoolYear) {
    schoolYear countsActiveAsDelivered
    banding { basis cutPoints computedAt schoolCount labels }
    bands { band label schools daysRequested daysReceived daysGiven daysUnderWay shareOfDaysReceived }
    daysRequested daysReceived daysGiven daysUnderWay deploymentsDelivered daysWithoutNearestAble
    actualFlow { towardsMoreDisadvantaged withinBand towardsLessDisadvantaged unknown cells { fromBand toBand days } }
    nearestAbleFlow { towardsMoreDisadvantaged withinBand towardsLessDisadvantaged unknown cells { fromBand toBand days } }
  }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const MOVE = (name: string, input = 'DeploymentIdInput') => `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;

/** Deployments are dated by when proposed (no start date): the current school year. */
const now = new Date();
const startYear = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
const thisYear = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

async function deliver(needAt: School, by: keyof typeof staff, days: number, area: string, finish: 'COMPLETED' | 'ACTIVE') {
  const need = await raiseNeed(api, admin, school[needAt], { daysRequested: days, area });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: staff[by], days } }, admin, 'proposeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: deployment.id } }, admin, 'agreeDeployment');
  await must(api, MOVE('startDeployment'), { input: { id: deployment.id } }, admin, 'startDeployment');
  if (finish === 'COMPLETED') {
    await must(api, MOVE('completeDeployment', 'CompleteDeploymentInput'), { input: { id: deployment.id, impactRating: 3, impactEvidence: 'Outcomes improved this term' } }, admin, 'completeDeployment');
  }
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-equity' });
  trustId = await createTrust(api, admin, 'Ledger Trust');
  otherTrustId = await createTrust(api, admin, 'Neighbour Trust');
  // Along one line of latitude, west of P: P (-5.00), X (-5.05, another trust), Q (-5.10), R (-5.30), S (-5.60).
  const at = (longitude: number) => ({ latitude: 50, longitude });
  school.P = await createAcademy(api, admin, { name: 'School P', trustId, fsmPercent: 10, ...at(-5.0) }); // band 1
  school.Q = await createAcademy(api, admin, { name: 'School Q', trustId, fsmPercent: 30, ...at(-5.1) }); // band 2
  school.R = await createAcademy(api, admin, { name: 'School R', trustId, fsmPercent: 50, ...at(-5.3) }); // band 3
  school.S = await createAcademy(api, admin, { name: 'School S', trustId, fsmPercent: 70, ...at(-5.6) }); // band 4
  school.U = await createAcademy(api, admin, { name: 'School U', trustId, fsmPercent: null, ...at(-5.2) }); // FSM unknown
  school.X = await createAcademy(api, admin, { name: 'School X', trustId: otherTrustId, fsmPercent: 90, ...at(-5.05) }); // band 5, other trust
  const maths = [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'], evidence: 'KS2 maths up' }];
  const english = [{ area: 'ENGLISH', level: 'EXPERT', phases: ['PRIMARY'], evidence: 'KS2 reading up' }];
  staff.p1 = (await createStaff(api, admin, school.P, { capacityDays: 30, expertise: maths })).id;
  staff.q1 = (await createStaff(api, admin, school.Q, { capacityDays: 30, expertise: maths })).id;
  staff.r1 = (await createStaff(api, admin, school.R, { capacityDays: 30, expertise: english })).id;
  staff.s1 = (await createStaff(api, admin, school.S, { capacityDays: 30, expertise: maths })).id;
  staff.x1 = (await createStaff(api, admin, school.X, { capacityDays: 30, expertise: maths })).id;

  await deliver('S', 'p1', 5, 'MATHS', 'COMPLETED'); // d1
  await deliver('P', 's1', 3, 'MATHS', 'COMPLETED'); // d2
  await deliver('R', 'x1', 4, 'MATHS', 'COMPLETED'); // d3
  await deliver('R', 'q1', 2, 'MATHS', 'ACTIVE'); // d4: under way
  await deliver('Q', 'r1', 1, 'ENGLISH', 'COMPLETED'); // d5
  await raiseNeed(api, admin, school.U, { daysRequested: 5 }); // asked, never met
  // A hub of P (lead), Q and R; its executive head works at P (and is MATHS-able there, as p1 already is).
  execHeadId = (await createStaff(api, admin, school.P, { role: 'EXECUTIVE_HEADTEACHER' })).id;
  const hub = await must(api, CREATE_CLUSTER, { input: { name: 'West Hub', trustId, leadAcademyId: school.P, executiveHeadId: execHeadId, memberAcademyIds: [school.P, school.Q, school.R] } }, admin, 'createCluster');
  hubId = hub.cluster.id;
});
afterAll(() => api.close());

const ledgerOf = async (token: string, variables: Record<string, unknown>) => api.gql(LEDGER, variables, { token });

/*
 * Worked out by hand. Bands: P 1, Q 2, R 3, S 4, U unknown (X, band 5, is not the trust's).
 * Requested (needs raised this year): P 3, Q 1, R 4 + 2 = 6, S 5, U 5 → 20.
 * Received (COMPLETED): S 5 (d1), P 3 (d2), R 4 (d3), Q 1 (d5) → 13; R's 2 days of d4 are under way.
 * Given by the trust's schools (COMPLETED): P 5 (d1), S 3 (d2), R 1 (d5) → 9 (X's 4 are another trust's).
 * Actual flow: d1 1→4 (more, 5); d2 4→1 (less, 3); d3 X 5→3 (less, 4); d5 3→2 (less, 1).
 * Nearest able school (the trust's, with a current MATHS/ENGLISH person, nearest the receiver):
 *   d1 to S (-5.6): P 0.6°, Q 0.5° → Q: 2→4 (more, 5).
 *   d2 to P (-5.0): Q 0.1°, S 0.6° (X is nearer but another trust's) → Q: 2→1 (less, 3).
 *   d3 to R (-5.3): P 0.3°, Q 0.2°, S 0.3° → Q: 2→3 (more, 4).
 *   d5 (ENGLISH) to Q: only R has English → R: 3→2 (less, 1).
 */
const expectedBands = (label: (band: number) => string) => [
  { band: 1, label: label(1), schools: 1, daysRequested: 3, daysReceived: 3, daysGiven: 5, daysUnderWay: 0 },
  { band: 2, label: label(2), schools: 1, daysRequested: 1, daysReceived: 1, daysGiven: 0, daysUnderWay: 0 },
  { band: 3, label: label(3), schools: 1, daysRequested: 6, daysReceived: 4, daysGiven: 1, daysUnderWay: 2 },
  { band: 4, label: label(4), schools: 1, daysRequested: 5, daysReceived: 5, daysGiven: 3, daysUnderWay: 0 },
  { band: 5, label: label(5), schools: 0, daysRequested: 0, daysReceived: 0, daysGiven: 0, daysUnderWay: 0 },
  { band: null, label: 'FSM unknown', schools: 1, daysRequested: 5, daysReceived: 0, daysGiven: 0, daysUnderWay: 0 },
];
const expectedFlows = {
  actualFlow: {
    towardsMoreDisadvantaged: 5,
    withinBand: 0,
    towardsLessDisadvantaged: 8,
    unknown: 0,
    cells: [
      { fromBand: 1, toBand: 4, days: 5 },
      { fromBand: 3, toBand: 2, days: 1 },
      { fromBand: 4, toBand: 1, days: 3 },
      { fromBand: 5, toBand: 3, days: 4 },
    ],
  },
  nearestAbleFlow: {
    towardsMoreDisadvantaged: 9,
    withinBand: 0,
    towardsLessDisadvantaged: 4,
    unknown: 0,
    cells: [
      { fromBand: 2, toBand: 1, days: 3 },
      { fromBand: 2, toBand: 3, days: 4 },
      { fromBand: 2, toBand: 4, days: 5 },
      { fromBand: 3, toBand: 2, days: 1 },
    ],
  },
};

describe('the ledger of a hand-made trust', () => {
  it('with no register loaded: the fixed 20-point bands, labelled as such', async () => {
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-ledger' });
    const response = await ledgerOf(lead, { trustId, schoolYear: thisYear });
    expect(response.errors).toBeUndefined();
    const ledger = response.data.equityLedger;
    expect(ledger).toMatchObject({ schoolYear: thisYear, countsActiveAsDelivered: false, daysRequested: 20, daysReceived: 13, daysGiven: 9, daysUnderWay: 2, deploymentsDelivered: 4, daysWithoutNearestAble: 0, ...expectedFlows });
    expect(ledger.banding).toMatchObject({ basis: 'FIXED_20_POINT_BANDS', cutPoints: [20, 40, 60, 80], computedAt: null, schoolCount: null });
    expect(ledger.bands).toMatchObject(expectedBands((b) => `FSM ${(b - 1) * 20}% to ${b === 5 ? '100%' : `<${b * 20}%`} (fixed 20-point band ${b})`));
    expect(ledger.bands.find((b: any) => b.band === 4).shareOfDaysReceived).toBeCloseTo(5 / 13, 12);
    expect(ledger.banding.labels.join(' ')).not.toMatch(/quintile|Q\d/i);
  });

  it('a year with nothing delivered has zeros, and the schools still counted', async () => {
    const response = await ledgerOf(admin, { trustId, schoolYear: `${startYear - 1}/${String(startYear % 100).padStart(2, '0')}` });
    expect(response.data.equityLedger).toMatchObject({ daysRequested: 0, daysReceived: 0, deploymentsDelivered: 0, actualFlow: { cells: [] } });
    expect(response.data.equityLedger.bands.map((b: any) => b.schools)).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it('with national quintiles computed from the schools recorded: the same answer, the bands named quintiles, and plan fairness on the same bands', async () => {
    // Known FSM shares recorded: 10, 30, 50, 70, 90 (U has none) → cut points at the 2nd..5th: 30, 50, 70, 90.
    const banding = await recomputeNationalFsmBanding({ sub: 'test', role: 'SYSTEM' }, 'hand-made register');
    expect(banding).toMatchObject({ basis: 'NATIONAL_QUINTILES', cutPoints: [30, 50, 70, 90], schoolCount: 5 });
    const response = await ledgerOf(admin, { trustId, schoolYear: thisYear });
    const ledger = response.data.equityLedger;
    expect(ledger.banding).toMatchObject({ basis: 'NATIONAL_QUINTILES', cutPoints: [30, 50, 70, 90], schoolCount: 5, computedAt: banding!.computedAt!.toISOString() });
    const names = ['lowest', 'second', 'middle', 'fourth', 'highest'];
    const bounds = [0, 30, 50, 70, 90, 100];
    expect(ledger.bands).toMatchObject(expectedBands((b) => `National FSM quintile ${b} (${names[b - 1]}): ${bounds[b - 1]}% to ${b === 5 ? '100%' : `<${bounds[b]}%`}`));
    expect(ledger).toMatchObject(expectedFlows);

    await raiseNeed(api, admin, school.S, { daysRequested: 2 });
    const plan = await api.gql(`query ($input: PlanAllocationInput!) { planAllocation(input: $input) { plan { fairness { banding { basis cutPoints } groups { group label } } } } }`, { input: { trustId } }, { token: admin });
    expect(plan.data.planAllocation.plan.fairness.banding).toEqual({ basis: 'NATIONAL_QUINTILES', cutPoints: [30, 50, 70, 90] });
    expect(plan.data.planAllocation.plan.fairness.groups.map((g: any) => g.label)).toEqual([...ledger.banding.labels, 'FSM unknown']);
  });
});

describe('the ledger of one hub', () => {
  /*
   * The hub is P, Q, R. Requested: P 3, Q 1, R 6 → 10. Received: P 3 (d2), Q 1 (d5), R 4 (d3) → 8.
   * Given by the hub's schools: P 5 (d1, to S outside the hub), R 1 (d5) → 6; S's 3 days (d2) are not the hub's.
   * Flow into the hub: d2 4→1 (less 3), d3 5→3 (less 4), d5 3→2 (less 1). Nearest able (from the
   * trust's schools, as before): d2 Q 2→1 (less 3), d3 Q 2→3 (more 4), d5 R 3→2 (less 1).
   */
  it('counts the hub’s schools only, for its executive head', async () => {
    const head = await api.token('EXECUTIVE_HEAD', { clusterId: hubId, trustId, sub: 'head-west' });
    const response = await ledgerOf(head, { trustId, hubId, schoolYear: thisYear });
    expect(response.errors).toBeUndefined();
    const ledger = response.data.equityLedger;
    expect(ledger).toMatchObject({ daysRequested: 10, daysReceived: 8, daysGiven: 6, daysUnderWay: 2, deploymentsDelivered: 3 });
    expect(ledger.bands.map((b: any) => [b.band, b.schools, b.daysRequested, b.daysReceived, b.daysGiven, b.daysUnderWay])).toEqual([
      [1, 1, 3, 3, 5, 0],
      [2, 1, 1, 1, 0, 0],
      [3, 1, 6, 4, 1, 2],
      [4, 0, 0, 0, 0, 0],
      [5, 0, 0, 0, 0, 0],
      [null, 0, 0, 0, 0, 0],
    ]);
    expect(ledger.actualFlow).toMatchObject({ towardsMoreDisadvantaged: 0, withinBand: 0, towardsLessDisadvantaged: 8, unknown: 0 });
    expect(ledger.nearestAbleFlow).toMatchObject({ towardsMoreDisadvantaged: 4, withinBand: 0, towardsLessDisadvantaged: 4, unknown: 0 });
    // The whole trust is not theirs to read.
    expect((await ledgerOf(head, { trustId, schoolYear: thisYear })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a hub of another trust, naming hubId', async () => {
    const response = await ledgerOf(admin, { trustId: otherTrustId, hubId });
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/not one of the trust/), extensions: { code: 'BAD_USER_INPUT', argument: 'hubId' } });
  });
});

describe('who may read it, and bad arguments', () => {
  it('the trust’s lead and ADMIN may; another trust’s lead, a headteacher and a teacher may not', async () => {
    expect((await ledgerOf(admin, { trustId })).errors).toBeUndefined();
    for (const token of [
      await api.token('IMPROVEMENT_LEAD', { trustId: otherTrustId }),
      await api.token('HEADTEACHER', { academyId: school.P }),
      await api.token('TEACHER', { staffId: staff.p1, academyId: school.P }),
    ]) {
      const response = await ledgerOf(token, { trustId });
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.data?.equityLedger ?? null).toBeNull();
    }
    expect((await ledgerOf('', { trustId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ schoolYear: '2026-27' }, 'schoolYear', /not a school year/],
    [{ trustId: 'VHJ1c3Q6bm9wZQ' }, 'trustId', /no Trust with this ID/],
    [{ hubId: 'nonsense' }, 'hubId', /no hub/],
  ])('%j is refused naming %s', async (extra, argument, message) => {
    const response = await ledgerOf(admin, { trustId, ...extra });
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', argument } });
  });
});
