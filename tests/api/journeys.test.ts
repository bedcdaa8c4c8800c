// The journeys in docs/journeys/*.graphql, run against the demo data with the tokens
// `npm start` prints, exactly as a client would send them (the whole file as the document,
// one named operation at a time), so the documented examples never rot. Every operation in
// those files must be run here: the last test checks it.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kind, parse } from 'graphql';
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';
import { demoTokens } from '../../server/demo-tokens';
import { TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';

const JOURNEYS = resolve(__dirname, '../../docs/journeys');
const FILES = ['teacher.graphql', 'improvement-lead.graphql', 'executive-head.graphql', 'offers-and-agreements.graphql'] as const;
type JourneyFile = (typeof FILES)[number];

const documents = Object.fromEntries(FILES.map((f) => [f, readFileSync(resolve(JOURNEYS, f), 'utf8')])) as Record<JourneyFile, string>;
const operationsIn = (source: string) =>
  parse(source).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));

let api: TestApi;
const executed = new Set<string>();
const tokens: Record<'TEACHER' | 'IMPROVEMENT_LEAD' | 'EXECUTIVE_HEAD', { token: string; claims: Record<string, string> }> = {} as never;

/** Runs one named operation of a journey file; fails on any GraphQL error or user error. */
async function run(file: JourneyFile, operationName: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: documents[file], operationName, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect({ operationName, status: response.status, errors: body.errors }).toEqual({ operationName, status: 200, errors: undefined });
  for (const payload of Object.values(body.data ?? {})) {
    if (payload && typeof payload === 'object' && 'userErrors' in payload) expect({ operationName, userErrors: payload.userErrors }).toEqual({ operationName, userErrors: [] });
  }
  executed.add(`${file}#${operationName}`);
  return body.data;
}

const sumOf = (factors: { contribution: number }[]) => factors.reduce((total, f) => total + f.contribution, 0);

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(buildDemoDataset());
  for (const t of await demoTokens(TEST_JWT_SECRET)) {
    if (t.claims.role === 'TEACHER' || t.claims.role === 'IMPROVEMENT_LEAD' || t.claims.role === 'EXECUTIVE_HEAD') {
      tokens[t.claims.role] = { token: t.token, claims: t.claims as unknown as Record<string, string> };
    }
  }
});
afterAll(() => api.close());

describe('the teacher: offers expertise and asks where they could help most', () => {
  it('reads the taxonomy and their profile, updates availability and expertise, and gets needs ranked for them', async () => {
    const { token, claims } = tokens.TEACHER;
    const file = 'teacher.graphql';

    const { expertiseAreas } = await run(file, 'ExpertiseAreas', {}, token);
    expect(expertiseAreas.length).toBeGreaterThanOrEqual(14);
    expect(expertiseAreas.map((a: any) => a.code)).toEqual(expect.arrayContaining(['MATHS', 'PHONICS', 'CURRICULUM_LEADERSHIP']));

    const { node: me } = await run(file, 'MyProfile', { staffId: claims.staffId }, token);
    expect(me).toMatchObject({ id: claims.staffId, homeAcademy: { id: claims.academyId } });
    expect(['TEACHER', 'MIDDLE_LEADER', 'SENIOR_LEADER']).toContain(me.role);
    expect(me.expertise.length).toBeGreaterThan(0);

    // More days, a travel limit, and one more area (or a stronger level in the first).
    const capacityDays = me.capacityDays + 4;
    const extra = { area: 'CURRICULUM_LEADERSHIP', level: 'EXPERT', phases: ['PRIMARY'], evidence: 'Led the KS2 curriculum redesign; reading outcomes up two years running' };
    const expertise = [
      ...me.expertise.filter((e: any) => e.area !== extra.area).map(({ area, level, phases, evidence }: any) => ({ area, level, phases, evidence })),
      extra,
    ];
    const { updateStaffMember } = await run(file, 'UpdateMyAvailability', { input: { id: claims.staffId, capacityDays, maxTravelKm: 30, expertise } }, token);
    expect(updateStaffMember.staffMember).toMatchObject({ id: claims.staffId, capacityDays, remainingDays: me.remainingDays + 4, maxTravelKm: 30 });
    expect(updateStaffMember.staffMember.expertise).toContainEqual(extra);

    const { rankNeedsForStaff } = await run(file, 'WhereCouldIHelp', { staffId: claims.staffId, first: 5 }, token);
    expect(rankNeedsForStaff.length).toBeGreaterThan(0);
    expect(rankNeedsForStaff.map((r: any) => r.rank)).toEqual(rankNeedsForStaff.map((_: unknown, i: number) => i + 1));
    for (const ranked of rankNeedsForStaff) {
      expect(sumOf(ranked.factors)).toBeCloseTo(ranked.score, 9);
      expect(ranked.need.daysOutstanding).toBeGreaterThan(0);
    }
    const scores = rankNeedsForStaff.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('the improvement lead and the executive head: from a need to impact', () => {
  it('lists needs by priority, ranks candidates, proposes; the executive head views the hub and agrees; the lead starts and completes', async () => {
    const lead = tokens.IMPROVEMENT_LEAD;
    const head = tokens.EXECUTIVE_HEAD;
    const leadFile = 'improvement-lead.graphql';
    const headFile = 'executive-head.graphql';

    // The trust's open needs, highest priority first, each priority explained.
    const { needs } = await run(leadFile, 'TrustNeedsByPriority', { trustId: lead.claims.trustId, first: 10 }, lead.token);
    const listed = needs.edges.map((e: any) => e.node);
    expect(listed.length).toBeGreaterThan(3);
    expect(listed.map((n: any) => n.priority)).toEqual(listed.map((n: any) => n.priority).sort((a: number, b: number) => b - a));
    for (const need of listed) {
      expect(need.status).toBe('OPEN');
      expect(sumOf(need.priorityFactors)).toBeCloseTo(need.priority, 9);
      expect(need.priorityFactors.map((f: any) => f.name)).toEqual(['severity', 'disadvantage', 'ofstedRating', 'waitingTime']);
    }
    const page2 = await run(leadFile, 'TrustNeedsByPriority', { trustId: lead.claims.trustId, first: 10, after: needs.pageInfo.endCursor }, lead.token);
    for (const edge of page2.needs.edges) expect(edge.node.priority).toBeLessThanOrEqual(listed[listed.length - 1].priority);

    // Rank candidates for the needs in priority order; take the first need whose best
    // candidate works in the executive head's hub (hub-first support, the ASPIRE model).
    let chosen: { need: any; candidate: any } | null = null;
    for (const need of listed) {
      const { rankCandidates } = await run(leadFile, 'RankCandidatesForNeed', { needId: need.id, first: 5 }, lead.token);
      expect(rankCandidates.consideredCount).toBe(rankCandidates.eligibleCount + sumOf(rankCandidates.exclusions.map((e: any) => ({ contribution: e.count }))));
      for (const c of rankCandidates.candidates) expect(sumOf(c.factors)).toBeCloseTo(c.score, 9);
      const best = rankCandidates.candidates[0];
      if (best && best.candidate.homeAcademy.cluster?.id === head.claims.clusterId && need.academy.cluster?.id === head.claims.clusterId) {
        chosen = { need: rankCandidates.need, candidate: best.candidate };
        break;
      }
    }
    if (!chosen) throw new Error("none of the trust's top needs in the executive head's hub has a best candidate from that hub: has the demo data or the ranking changed?");
    const { need, candidate } = chosen;
    // A person of the lead's own trust: their days left are the lead's to read.
    expect(candidate.personalDataReadable).toBe(true);
    const own = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`, { id: candidate.id }, { token: lead.token });
    const days = Math.min(need.daysOutstanding, own.data.node.remainingDays);
    expect(days).toBeGreaterThanOrEqual(2);

    const { proposeDeployment } = await run(leadFile, 'ProposeDeployment', { input: { needId: need.id, staffId: candidate.id, days } }, lead.token);
    const deployment = proposeDeployment.deployment;
    expect(deployment).toMatchObject({ status: 'PROPOSED', days, need: { id: need.id, daysCovered: days } });
    expect(sumOf(deployment.explanation.factors)).toBeCloseTo(deployment.explanation.score, 9);

    // The executive head sees the hub, the need and the proposal waiting for them.
    const { node: hub } = await run(headFile, 'MyHub', { clusterId: head.claims.clusterId }, head.token);
    expect(hub.id).toBe(head.claims.clusterId);
    expect(hub.memberAcademies.length).toBeGreaterThanOrEqual(3);
    expect(hub.memberAcademies.filter((a: any) => a.isHubLead)).toEqual([expect.objectContaining({ id: hub.leadAcademy.id })]);
    expect(hub.executiveHead.id).toBe(head.claims.staffId);
    expect(hub.spareCapacityDays).toBeGreaterThan(0);
    const waiting = hub.openNeeds.find((n: any) => n.id === need.id);
    expect(waiting.deployments).toContainEqual(expect.objectContaining({ id: deployment.id, status: 'PROPOSED', release: null, acceptance: null }));

    const { staffMembers } = await run(headFile, 'HubStaffWithCapacity', { clusterId: head.claims.clusterId, minRemainingDays: 2 }, head.token);
    const free = staffMembers.edges.map((e: any) => e.node);
    expect(free.length).toBeGreaterThan(0);
    for (const person of free) expect(person.remainingDays).toBeGreaterThanOrEqual(2);
    expect(sumOf(free.map((p: any) => ({ contribution: p.remainingDays })))).toBeLessThanOrEqual(hub.spareCapacityDays);

    // The release waits on the executive head: it is on their list.
    const before = await run(headFile, 'WaitingForMe', {}, head.token);
    expect(before.waitingForMe).toContainEqual(expect.objectContaining({ kind: 'RELEASE', deployment: expect.objectContaining({ id: deployment.id, status: 'PROPOSED' }) }));

    // Supporter and school in need are both in the hub: one agreement releases and accepts.
    const { agreeDeployment } = await run(headFile, 'AgreeDeployment', { id: deployment.id }, head.token);
    expect(agreeDeployment.deployment).toMatchObject({
      id: deployment.id,
      status: 'AGREED',
      release: { by: { sub: head.claims.staffId, role: 'EXECUTIVE_HEAD' } },
      acceptance: { by: { sub: head.claims.staffId, role: 'EXECUTIVE_HEAD' } },
    });

    expect((await run(headFile, 'WaitingForMe', {}, head.token)).waitingForMe.map((s: any) => s.deployment.id)).not.toContain(deployment.id);

    // On the lead's board among the agreed deployments, since the moment it was agreed.
    const board = await run(leadFile, 'DeploymentsBoard', { trustId: lead.claims.trustId, status: ['AGREED'] }, lead.token);
    const onBoard = board.deployments.edges.map((e: any) => e.node);
    expect(onBoard).toContainEqual(expect.objectContaining({ id: deployment.id, status: 'AGREED', statusSince: agreeDeployment.deployment.acceptance.at }));
    expect(onBoard.every((d: any) => d.status === 'AGREED')).toBe(true);

    // Later: the lead starts the support, then completes it with its impact.
    const { startDeployment } = await run(leadFile, 'StartDeployment', { id: deployment.id }, lead.token);
    expect(startDeployment.deployment).toMatchObject({ status: 'ACTIVE', need: { status: 'IN_PROGRESS' } });
    const evidence = 'Persistent absence down from 19% to 11% over the spring term';
    const { completeDeployment } = await run(leadFile, 'CompleteDeployment', { id: deployment.id, impactRating: 3, impactEvidence: evidence }, lead.token);
    expect(completeDeployment.deployment).toMatchObject({ status: 'COMPLETED', impactRating: 3, impactEvidence: evidence });

    const record = await run(leadFile, 'DeploymentRecord', { id: deployment.id }, lead.token);
    expect(record.node.statusHistory.map((s: any) => s.status)).toEqual(['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED']);
    expect(record.history.map((h: any) => `${h.action}:${h.actor.sub}`)).toEqual([
      'COMPLETE:demo-improvement-lead',
      'START:demo-improvement-lead',
      `AGREE:${head.claims.staffId}`,
      'PROPOSED:demo-improvement-lead',
    ]);
  });
});

describe("the executive head: a member school's whole-school support days", () => {
  it("reads a member school's days this year and next, sets them, and reads them back (then as they were)", async () => {
    const head = tokens.EXECUTIVE_HEAD;
    const file = 'executive-head.graphql';
    const { node: hub } = await run(file, 'MyHub', { clusterId: head.claims.clusterId }, head.token);
    const academyId = hub.memberAcademies[0].id;

    const { node: now } = await run(file, 'SchoolSupportDays', { academyId, schoolYear: null }, head.token);
    const year = now.supportCapacity;
    expect(year.daysOffered).toBe(year.daysCommitted + year.daysLeft);
    const start = Number(year.schoolYear.slice(0, 4)) + 1;
    const nextLabel = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
    const { node: next } = await run(file, 'SchoolSupportDays', { academyId, schoolYear: nextLabel }, head.token);
    // Next year opens with the standing offer, less what is already reserved in it.
    expect(next.supportCapacity).toMatchObject({ schoolYear: nextLabel, daysOffered: year.daysOffered });

    const wanted = year.daysOffered + 3;
    const { setAcademySupportCapacity: set } = await run(file, 'SetSchoolSupportDays', { input: { academyId, supportCapacityDays: wanted } }, head.token);
    expect(set.academy).toMatchObject({ id: academyId, supportCapacityDays: wanted, supportRemainingDays: year.daysLeft + 3 });
    expect(set.academy.supportCapacity).toEqual({ ...year, daysOffered: wanted, daysLeft: year.daysLeft + 3 });
    const { node: after } = await run(file, 'SchoolSupportDays', { academyId, schoolYear: null }, head.token);
    expect(after.supportCapacity.daysOffered).toBe(wanted);

    // As they were, for the rankings of the tests after.
    await run(file, 'SetSchoolSupportDays', { input: { academyId, supportCapacityDays: year.daysOffered } }, head.token);
  });
});

describe('the improvement lead: what support costs, and planning within a budget', () => {
  it("reads the trust's day rates and plans within a budget that leaves some need unmet for want of money", async () => {
    const { token, claims } = tokens.IMPROVEMENT_LEAD;
    const file = 'improvement-lead.graphql';
    const { node: trust } = await run(file, 'TrustDayRates', { trustId: claims.trustId }, token);
    expect(trust.costSettings.isDefault).toBe(true);
    expect(trust.costSettings.dayRates.map((r: any) => r.designation)).toEqual(['NLE', 'LLE', 'SLE', 'NLG']);

    const { planAllocation } = await run(file, 'PlanWithinBudget', { trustId: claims.trustId, budget: 5000 }, token);
    const plan = planAllocation.plan;
    expect(plan.budget).toBe(5000);
    expect(plan.cost.total).toBeLessThanOrEqual(5000);
    expect(plan.budgetLeft).toBe(5000 - plan.cost.total);
    expect(plan.cost.total).toBe(plan.assignments.reduce((sum: number, a: any) => sum + a.cost.total, 0));
    expect(plan.objective).toBeGreaterThanOrEqual(plan.greedyObjective - 1e-9);
    // The demo trust's needs ask for far more than £5,000 buys.
    expect(plan.daysUnmetBecauseOfBudget).toBeGreaterThan(0);
    expect(plan.daysUnmetBecauseOfBudget).toBe(plan.unmet.filter((u: any) => u.reason === 'BUDGET').reduce((sum: number, u: any) => sum + u.daysUnmet, 0));
  });
});

describe('offers of help and the deployment agreement', () => {
  it('the teacher offers on needs of their trust and withdraws one; the lead sees offers with their explanations, accepts one, declines one; both schools sign; the receiving school rates the impact', async () => {
    const teacher = tokens.TEACHER;
    const lead = tokens.IMPROVEMENT_LEAD;
    const file = 'offers-and-agreements.graphql';
    // Needs of the lead's trust the teacher could help with (from their "where could I help most").
    const ranked = await api.gql(`query ($id: ID!) { rankNeedsForStaff(staffId: $id, first: 30) { need { id daysOutstanding academy { trust { id } } } } }`, { id: teacher.claims.staffId }, { token: teacher.token });
    const needs = ranked.data.rankNeedsForStaff.map((r: any) => r.need).filter((n: any) => n.academy.trust?.id === lead.claims.trustId && n.daysOutstanding >= 1);
    expect(needs.length).toBeGreaterThanOrEqual(2);
    const [toAccept, toDecline] = needs;
    const offer = async (need: any) => {
      const { offerSupport } = await run(file, 'OfferHelp', { input: { needId: need.id, note: 'I led our phonics recovery', days: 1 } }, teacher.token);
      expect(offerSupport.offer).toMatchObject({ status: 'OPEN', days: 1, need: { id: need.id } });
      return offerSupport.offer.id as string;
    };
    // Offered, taken back, offered again (a withdrawn offer does not block a new one).
    const withdrawn = await offer(toAccept);
    expect((await run(file, 'WithdrawMyOffer', { input: { id: withdrawn } }, teacher.token)).withdrawOffer.offer.status).toBe('WITHDRAWN');
    const accepted = await offer(toAccept);
    const declined = await offer(toDecline);

    const { waitingForMe } = await run(file, 'OffersToConsider', {}, lead.token);
    const waiting = waitingForMe.filter((s: any) => s.kind === 'OFFER').map((s: any) => s.offer.id);
    expect(waiting).toEqual(expect.arrayContaining([accepted, declined]));
    expect(waiting).not.toContain(withdrawn);

    const { node } = await run(file, 'NeedOffers', { needId: toAccept.id }, lead.token);
    const shown = node.offers.find((o: any) => o.id === accepted);
    expect(shown.staffMember.id).toBe(teacher.claims.staffId);
    expect(shown.explanation.excludedFor).toBeNull();
    expect(sumOf(shown.explanation.factors)).toBeCloseTo(shown.explanation.score, 9);

    const { acceptOffer } = await run(file, 'AcceptOffer', { input: { id: accepted, days: 1 } }, lead.token);
    expect(acceptOffer.offer.status).toBe('ACCEPTED');
    expect(acceptOffer.deployment).toMatchObject({ status: 'PROPOSED', days: 1 });
    const reason = 'Another school is already helping with this';
    expect((await run(file, 'DeclineOffer', { input: { id: declined, reason } }, lead.token)).declineOffer.offer).toMatchObject({ status: 'DECLINED', decision: { reason } });
    const { myOffers } = await run(file, 'MyOffers', {}, teacher.token);
    expect(myOffers.find((o: any) => o.id === declined).decision.reason).toBe(reason);
    expect(myOffers.find((o: any) => o.id === accepted).deployment.id).toBe(acceptOffer.deployment.id);

    const id = acceptOffer.deployment.id;
    const written = await run(file, 'WriteAgreement', { input: { id, objectives: ['Phonics taught daily in Reception'], sessions: [{ date: '2031-01-13', note: 'audit' }], reviewDate: '2031-03-03', expectedVersion: 0 } }, lead.token);
    expect(written.updateDeploymentAgreement.deployment.agreement).toMatchObject({ version: 1, signedByBoth: false });
    const signed = await run(file, 'SignAgreement', { input: { id, version: 1 } }, lead.token);
    expect(signed.signDeploymentAgreement.deployment.agreement).toMatchObject({ version: 1, signedByBoth: true });

    const move = (name: string, extra = '') => `mutation ($input: ${extra || 'DeploymentIdInput'}!) { ${name}(input: $input) { deployment { id status } userErrors { code } } }`;
    for (const name of ['agreeDeployment', 'startDeployment']) expect((await api.gql(move(name), { input: { id } }, { token: lead.token })).data[name].userErrors).toEqual([]);
    const completed = await api.gql(move('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating: 4, impactEvidence: 'Reception phonics check up 15 points' } }, { token: lead.token });
    expect(completed.data.completeDeployment.deployment.status).toBe('COMPLETED');
    const rated = await run(file, 'ReceivingSchoolRatesImpact', { input: { id, rating: 3, evidence: 'Phonics now taught daily, well' } }, lead.token);
    expect(rated.rateDeploymentImpact.deployment.impact).toEqual({ supporterRating: 4, receivingRating: 3, trackRecordRating: 3.5 });
  });
});

describe('the journey files', () => {
  it('are all run by this test, every operation of every file', () => {
    const files = readdirSync(JOURNEYS).filter((f) => f.endsWith('.graphql')).sort();
    expect(files).toEqual([...FILES].sort());
    const documented = FILES.flatMap((f) => operationsIn(documents[f]).map((name) => `${f}#${name}`));
    expect([...executed].sort()).toEqual([...new Set(documented)].sort());
  });
});
