// Cost and cover through the API: a trust's day rates (published defaults until set), who
// pays, the cost of each proposal, and planning under a budget.
import { decodeIdOfType } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { Deployment } from '../../server/models/deployment';
import { TrustCostSettings } from '../../server/models/trust-cost-settings';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-1' });
});
afterAll(() => api.close());

const SETTINGS = `query ($id: ID!) { node(id: $id) { ... on Trust { costSettings { dayRates { designation dayRate } undesignatedDayRate coverDayRate paidBy isDefault } } } }`;
const SET_RATES = `mutation ($input: SetTrustDayRatesInput!) {
  setTrustDayRates(input: $input) {
    costSettings { dayRates { designation dayRate } undesignatedDayRate coverDayRate paidBy isDefault }
    userErrors { field code message }
  }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) {
    deployment { id days cost { days dayRate coverDayRate supportCost coverCost total paidBy } }
    userErrors { field code message }
  }
}`;
const COST = `query ($id: ID!) { node(id: $id) { ... on Deployment { cost { days dayRate coverDayRate supportCost coverCost total paidBy } } } }`;
const SET_PAID_BY = `mutation ($input: SetDeploymentPaidByInput!) {
  setDeploymentPaidBy(input: $input) { deployment { id paidByOverride cost { paidBy total } } userErrors { field code message } }
}`;
const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) {
    userErrors { field code message }
    plan {
      objective greedyObjective greedyCost budget budgetLeft daysUnmetBecauseOfBudget paidBy
      cost { supportCost coverCost total }
      assignments { staffMember { name } days cost { days dayRate coverDayRate supportCost coverCost total paidBy } }
      unmet { need { id } daysUnmet reason }
    }
  }
}`;

const decodedTrust = (id: string) => decodeIdOfType(id, 'Trust')!;
const rateMap = (settings: any) => Object.fromEntries(settings.dayRates.map((r: any) => [r.designation, r.dayRate]));

describe("a trust's day rates", () => {
  it('start from the published defaults, are set by the trust lead (audited), and only what is given changes', async () => {
    const trustId = await createTrust(api, admin, 'Rates Trust');
    const defaults = (await api.gql(SETTINGS, { id: trustId }, { token: admin })).data.node.costSettings;
    expect(defaults).toMatchObject({ undesignatedDayRate: 350, coverDayRate: 200, paidBy: 'RECEIVING_SCHOOL', isDefault: true });
    expect(rateMap(defaults)).toEqual({ NLE: 550, LLE: 450, SLE: 350, NLG: 350 });

    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-rates' });
    const set = await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'NLE', dayRate: 600 }], coverDayRate: 180, paidBy: 'TRUST' } }, lead, 'setTrustDayRates');
    expect(set.costSettings).toMatchObject({ undesignatedDayRate: 350, coverDayRate: 180, paidBy: 'TRUST', isDefault: false });
    expect(rateMap(set.costSettings)).toEqual({ NLE: 600, LLE: 450, SLE: 350, NLG: 350 });

    const again = await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'SLE', dayRate: 380 }] } }, lead, 'setTrustDayRates');
    expect(rateMap(again.costSettings)).toEqual({ NLE: 600, LLE: 450, SLE: 380, NLG: 350 });
    expect(again.costSettings).toMatchObject({ coverDayRate: 180, paidBy: 'TRUST' });

    const audit = await AuditEntry.find({ entityType: 'TrustCostSettings' }).sort({ at: 1 }).lean();
    expect(audit.map((a) => [a.action, a.actor.sub, Object.keys(a.changes as object).sort()])).toEqual([
      ['CREATED', 'lead-rates', ['NLEDayRate', 'coverDayRate', 'paidBy']],
      ['UPDATED', 'lead-rates', ['SLEDayRate']],
    ]);
    expect((audit[1]!.changes as any).SLEDayRate).toEqual({ from: 350, to: 380 });
  });

  it('concurrent changes to different rates all land, each audited once', async () => {
    const trustId = await createTrust(api, admin, 'Busy Trust');
    const changes = [
      { dayRates: [{ designation: 'NLE', dayRate: 610 }] },
      { dayRates: [{ designation: 'LLE', dayRate: 470 }] },
      { dayRates: [{ designation: 'SLE', dayRate: 360 }] },
      { coverDayRate: 210 },
      { paidBy: 'TRUST' },
    ];
    const results = await Promise.all(changes.map((change) => api.gql(SET_RATES, { input: { trustId, ...change } }, { token: admin })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const final = (await api.gql(SETTINGS, { id: trustId }, { token: admin })).data.node.costSettings;
    expect(rateMap(final)).toEqual({ NLE: 610, LLE: 470, SLE: 360, NLG: 350 });
    expect(final).toMatchObject({ coverDayRate: 210, paidBy: 'TRUST', undesignatedDayRate: 350 });
    const settings = await TrustCostSettings.find({ trustId: decodedTrust(trustId) }).lean();
    expect(settings).toHaveLength(1);
    const audit = await AuditEntry.find({ entityType: 'TrustCostSettings', entityId: settings[0]!._id }).lean();
    expect(audit.map((a) => a.action).sort()).toEqual(['CREATED', 'UPDATED', 'UPDATED', 'UPDATED', 'UPDATED']);
    expect(audit.map((a) => Object.keys(a.changes as object).join()).sort()).toEqual(['LLEDayRate', 'NLEDayRate', 'SLEDayRate', 'coverDayRate', 'paidBy']);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const trustId = await createTrust(api, admin, 'Careful Trust');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ dayRates: [{ designation: 'NLE', dayRate: -5 }] }, 'dayRates.0.dayRate', 'dayRates.0.dayRate: must not be negative'],
      [{ dayRates: [{ designation: 'SLE', dayRate: 350.5 }] }, 'dayRates.0.dayRate', 'not reached: GraphQL refuses a float for an Int'],
      [{ coverDayRate: 9000 }, 'coverDayRate', 'coverDayRate: must be at most £5000 a day'],
      [{ undesignatedDayRate: -1 }, 'undesignatedDayRate', 'undesignatedDayRate: must not be negative'],
      [{ dayRates: [{ designation: 'NLE', dayRate: 500 }, { designation: 'NLE', dayRate: 600 }] }, 'dayRates.1.designation', 'NLE is given twice (also at dayRates.0)'],
      [{ trustId: 'not-an-id' }, 'trustId', 'trustId is not a valid Trust ID'],
    ];
    for (const [extra, field, message] of cases) {
      const res = await api.gql(SET_RATES, { input: { trustId, ...extra } }, { token: admin });
      // A float for an Int is refused by GraphQL itself, before the service.
      if (message.startsWith('not reached')) {
        expect(res.errors?.[0]?.message).toMatch(/Int/);
        continue;
      }
      expect(res.errors).toBeUndefined();
      expect(res.data.setTrustDayRates.costSettings).toBeNull();
      expect(res.data.setTrustDayRates.userErrors).toEqual([expect.objectContaining({ field: field.split('.'), message })]);
    }
    const still = (await api.gql(SETTINGS, { id: trustId }, { token: admin })).data.node.costSettings;
    expect(still.isDefault).toBe(true);
  });

  it("is refused to anyone but ADMIN and the trust's own improvement lead", async () => {
    const trustId = await createTrust(api, admin, 'Guarded Trust');
    const otherTrust = await createTrust(api, admin, 'Other Trust');
    for (const token of [
      await api.token('IMPROVEMENT_LEAD', { trustId: otherTrust }),
      await api.token('EXECUTIVE_HEAD', { trustId }),
      await api.token('TEACHER', { trustId }),
    ]) {
      const res = await api.gql(SET_RATES, { input: { trustId, coverDayRate: 1 } }, { token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(SETTINGS, { id: trustId }, { token: admin })).data.node.costSettings.isDefault).toBe(true);
  });
});

describe('the cost of a proposal', () => {
  it("prices support by the receiving trust's rate for the supporter's designation and cover by the releasing school's trust; who pays can be overridden", async () => {
    const trustId = await createTrust(api, admin, 'Receiving Trust');
    const lendingTrust = await createTrust(api, admin, 'Lending Trust');
    const school = await createAcademy(api, admin, { name: 'Costed School', trustId, fsmPercent: 30 });
    const home = await createAcademy(api, admin, { name: 'Costed Home', trustId, latitude: 50.41, longitude: -4.67 });
    const elsewhere = await createAcademy(api, admin, { name: 'Lending Home', trustId: lendingTrust, latitude: 50.42, longitude: -4.66 });
    await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'NLE', dayRate: 600 }], coverDayRate: 150 } }, admin, 'setTrustDayRates');
    await must(api, SET_RATES, { input: { trustId: lendingTrust, coverDayRate: 220 } }, admin, 'setTrustDayRates');
    const nle = await createStaff(api, admin, home, { designations: ['NLE', 'SLE'], capacityDays: 10 });
    const plain = await createStaff(api, admin, elsewhere, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 6 });
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-cost' });

    const first = await must(api, PROPOSE, { input: { needId: need.id, staffId: nle.id, days: 3 } }, lead, 'proposeDeployment');
    // The highest of NLE (600) and SLE (350); cover at the home school's trust's 150.
    expect(first.deployment.cost).toEqual({ days: 3, dayRate: 600, coverDayRate: 150, supportCost: 1800, coverCost: 450, total: 2250, paidBy: 'RECEIVING_SCHOOL' });
    const second = await must(api, PROPOSE, { input: { needId: need.id, staffId: plain.id, days: 2 } }, lead, 'proposeDeployment');
    // No designation: the receiving trust's undesignated rate (default 350); cover at the lending trust's 220.
    expect(second.deployment.cost).toEqual({ days: 2, dayRate: 350, coverDayRate: 220, supportCost: 700, coverCost: 440, total: 1140, paidBy: 'RECEIVING_SCHOOL' });

    // The trust now pays centrally: for what is proposed from now on (these two keep the rule
    // they were proposed under), and this one deployment is moved to the trust by hand.
    await must(api, SET_RATES, { input: { trustId, paidBy: 'TRUST' } }, lead, 'setTrustDayRates');
    expect((await api.gql(COST, { id: second.deployment.id }, { token: lead })).data.node.cost.paidBy).toBe('RECEIVING_SCHOOL');
    const overridden = await must(api, SET_PAID_BY, { input: { deploymentId: second.deployment.id, paidBy: 'TRUST' } }, lead, 'setDeploymentPaidBy');
    expect(overridden.deployment.cost).toEqual({ paidBy: 'TRUST', total: 1140 });
    expect(overridden.deployment.paidByOverride).toBe('TRUST');
    const cleared = await must(api, SET_PAID_BY, { input: { deploymentId: first.deployment.id, paidBy: null } }, lead, 'setDeploymentPaidBy');
    expect(cleared.deployment).toMatchObject({ paidByOverride: null, cost: { paidBy: 'RECEIVING_SCHOOL' } });
    expect((await api.gql(COST, { id: first.deployment.id }, { token: lead })).data.node.cost.paidBy).toBe('RECEIVING_SCHOOL');
    const audit = await AuditEntry.findOne({ action: 'PAID_BY_SET', entityId: decodeIdOfType(second.deployment.id, 'Deployment') }).lean();
    expect(audit).toMatchObject({ entityType: 'Deployment', actor: { sub: 'lead-cost' }, changes: { paidBy: { from: null, to: 'TRUST' } } });

    const bad = await api.gql(SET_PAID_BY, { input: { deploymentId: 'nope', paidBy: 'TRUST' } }, { token: lead });
    expect(bad.data.setDeploymentPaidBy.userErrors).toEqual([expect.objectContaining({ field: ['deploymentId'], code: 'INVALID_ID' })]);
    const stranger = await api.token('IMPROVEMENT_LEAD', { trustId: lendingTrust });
    const refused = await api.gql(SET_PAID_BY, { input: { deploymentId: second.deployment.id, paidBy: 'TRUST' } }, { token: stranger });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(COST, { id: second.deployment.id }, { token: lead })).data.node.cost.paidBy).toBe('TRUST');
  });

  it('keeps the rates it was proposed at when the trust changes its rates; new proposals use the new rates', async () => {
    const trustId = await createTrust(api, admin, 'Repricing Trust');
    const school = await createAcademy(api, admin, { name: 'Repriced School', trustId, fsmPercent: 30 });
    const home = await createAcademy(api, admin, { name: 'Repriced Home', trustId, latitude: 50.41, longitude: -4.67 });
    const sle = await createStaff(api, admin, home, { designations: ['SLE'], capacityDays: 10 });
    const other = await createStaff(api, admin, home, { designations: ['SLE'], capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 6 });
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-repricing' });

    const before = await must(api, PROPOSE, { input: { needId: need.id, staffId: sle.id, days: 2 } }, lead, 'proposeDeployment');
    const atProposal = { days: 2, dayRate: 350, coverDayRate: 200, supportCost: 700, coverCost: 400, total: 1100, paidBy: 'RECEIVING_SCHOOL' };
    expect(before.deployment.cost).toEqual(atProposal);

    await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'SLE', dayRate: 420 }], coverDayRate: 260, paidBy: 'TRUST' } }, lead, 'setTrustDayRates');
    expect((await api.gql(COST, { id: before.deployment.id }, { token: lead })).data.node.cost).toEqual(atProposal);
    const after = await must(api, PROPOSE, { input: { needId: need.id, staffId: other.id, days: 2 } }, lead, 'proposeDeployment');
    expect(after.deployment.cost).toEqual({ days: 2, dayRate: 420, coverDayRate: 260, supportCost: 840, coverCost: 520, total: 1360, paidBy: 'TRUST' });
    const proposed = await AuditEntry.findOne({ entityType: 'Deployment', entityId: decodeIdOfType(after.deployment.id, 'Deployment'), action: 'PROPOSED' }).lean();
    expect((proposed!.changes as any).pricing).toEqual({ from: null, to: { dayRate: 420, coverDayRate: 260, paidBy: 'TRUST' } });

    // A deployment proposed before rates were stored has none: it is priced at the current rates.
    await Deployment.updateOne({ _id: decodeIdOfType(before.deployment.id, 'Deployment') }, { $set: { pricing: null } });
    expect((await api.gql(COST, { id: before.deployment.id }, { token: lead })).data.node.cost).toEqual({ ...atProposal, dayRate: 420, coverDayRate: 260, supportCost: 840, coverCost: 520, total: 1360, paidBy: 'TRUST' });
  });
});

describe('planAllocation with a budget', () => {
  it('never plans past the budget, reports what the budget left unmet, and plans as before without one', async () => {
    const trustId = await createTrust(api, admin, 'Budget Trust');
    const school = await createAcademy(api, admin, { name: 'Budget School', trustId, fsmPercent: 45 });
    const home = await createAcademy(api, admin, { name: 'Budget Home', trustId, latitude: 50.41, longitude: -4.67 });
    await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'NLE', dayRate: 600 }], undesignatedDayRate: 300, coverDayRate: 100 } }, admin, 'setTrustDayRates');
    await createStaff(api, admin, home, { name: 'Dear Leader', designations: ['NLE'], capacityDays: 5, expertise: [{ area: 'MATHS', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] }] });
    await createStaff(api, admin, home, { name: 'Thrifty Teacher', capacityDays: 5, expertise: [{ area: 'MATHS', level: 'SECURE', phases: ['PRIMARY'] }] });
    const need = await raiseNeed(api, admin, school, { area: 'MATHS', daysRequested: 4 });
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId });

    const free = await api.gql(PLAN, { input: { trustId } }, { token: lead });
    expect(free.errors).toBeUndefined();
    const unlimited = free.data.planAllocation.plan;
    expect(unlimited.budget).toBeNull();
    expect(unlimited.budgetLeft).toBeNull();
    expect(unlimited.daysUnmetBecauseOfBudget).toBe(0);
    expect(unlimited.unmet).toEqual([]);
    expect(unlimited.assignments.reduce((s: number, a: any) => s + a.days, 0)).toBe(4);

    // £1,500 pays for at most 3 days of the thrifty teacher (£400 a day with cover) or 2 of the leader (£700).
    const res = await api.gql(PLAN, { input: { trustId, budget: 1500 } }, { token: lead });
    expect(res.errors).toBeUndefined();
    const plan = res.data.planAllocation.plan;
    expect(plan.budget).toBe(1500);
    expect(plan.cost.total).toBeLessThanOrEqual(1500);
    expect(plan.budgetLeft).toBe(1500 - plan.cost.total);
    expect(plan.greedyCost).toBeLessThanOrEqual(1500);
    expect(plan.objective).toBeGreaterThanOrEqual(plan.greedyObjective - 1e-9);
    expect(plan.paidBy).toBe('RECEIVING_SCHOOL');
    let support = 0;
    let cover = 0;
    for (const a of plan.assignments) {
      const rate = a.staffMember.name === 'Dear Leader' ? 600 : 300;
      expect(a.cost).toEqual({ days: a.days, dayRate: rate, coverDayRate: 100, supportCost: a.days * rate, coverCost: a.days * 100, total: a.days * (rate + 100), paidBy: 'RECEIVING_SCHOOL' });
      support += a.cost.supportCost;
      cover += a.cost.coverCost;
    }
    expect(plan.cost).toEqual({ supportCost: support, coverCost: cover, total: support + cover });
    const planned = plan.assignments.reduce((s: number, a: any) => s + a.days, 0);
    expect(planned).toBeLessThan(4);
    expect(plan.unmet).toEqual([{ need: { id: need.id }, daysUnmet: 4 - planned, reason: 'BUDGET' }]);
    expect(plan.daysUnmetBecauseOfBudget).toBe(4 - planned);

    const none = (await api.gql(PLAN, { input: { trustId, budget: 0 } }, { token: lead })).data.planAllocation.plan;
    expect(none.assignments).toEqual([]);
    expect(none.unmet).toEqual([{ need: { id: need.id }, daysUnmet: 4, reason: 'BUDGET' }]);

    const negative = await api.gql(PLAN, { input: { trustId, budget: -10 } }, { token: lead });
    expect(negative.data.planAllocation).toEqual({ plan: null, userErrors: [{ field: ['budget'], code: expect.any(String), message: 'budget: must not be negative' }] });
  });
});
