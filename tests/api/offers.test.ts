// Offers of help through HTTP on a hand-built trust: a teacher (or a headteacher, for their
// school) offers; the lead sees the offer with its own explanation beside the ranking, turns it
// into a proposal through the propose path, or declines it with a reason the offerer is told.
// Failure paths: bad input, duplicates, leavers, needs met or withdrawn meanwhile, racing
// requests. Every write is audited; the offerer's emails are read from the outbox.
import { decodeIdOfType } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { Deployment } from '../../server/models/deployment';
import { OutboxEmail } from '../../server/models/outbox-email';
import { SupportOffer } from '../../server/models/support-offer';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
let lead: string;
let otherLead: string;
let execHead: string;
const ids = {} as Record<'trust' | 'otherTrust' | 'home' | 'receiving' | 'far' | 'execStaff' | 'hub', string>;

const OFFER_FIELDS = `id status kind note days statusSince decision { reason by { role } } deployment { id status days staffMember { id } }
  staffMember { id } supportingAcademy { id } need { id }
  explanation { score distanceKm excludedFor factors { name contribution detail } }`;
const OFFER = `mutation ($input: OfferSupportInput!) { offerSupport(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
const ACCEPT = `mutation ($input: AcceptOfferInput!) { acceptOffer(input: $input) { offer { ${OFFER_FIELDS} } deployment { id status days } userErrors { field message code } } }`;
const DECLINE = `mutation ($input: DeclineOfferInput!) { declineOffer(input: $input) { offer { ${OFFER_FIELDS} } userErrors { field message code } } }`;
const WITHDRAW = `mutation ($input: OfferIdInput!) { withdrawOffer(input: $input) { offer { id status } userErrors { field message code } } }`;
const NEED_OFFERS = `query ($id: ID!, $status: [OfferStatus!]) { node(id: $id) { ... on ImprovementNeed { offers(status: $status) { ${OFFER_FIELDS} } } } }`;
const MY_OFFERS = `query ($status: [OfferStatus!]) { myOffers(status: $status) { id status decision { reason } need { id } } }`;
const WAITING = `{ waitingForMe { kind since offer { id } need { id } deployment { id } } }`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const CLOSE_NEED = `mutation ($input: CloseNeedInput!) { closeNeed(input: $input) { need { id status } userErrors { field message code } } }`;
const MOVE = (name: string, input = 'DeploymentIdInput') => `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;

const teacher = (staffId: string, academyId: string) => api.token('TEACHER', { staffId, academyId, trustId: ids.trust });
const rawId = (globalId: string, type: string) => decodeIdOfType(globalId, type)!;
const emailsTo = async (address: string) => (await OutboxEmail.find({ toKey: address.toLowerCase() }).lean()).map((m) => ({ kind: m.kind, subject: m.subject, text: m.text }));

async function offersOn(needId: string, token: string, status?: string[]) {
  const res = await api.gql(NEED_OFFERS, { id: needId, status }, { token });
  expect(res.errors).toBeUndefined();
  return res.data.node.offers as any[];
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-offers' });
  ids.trust = await createTrust(api, admin, 'Offer Trust');
  ids.otherTrust = await createTrust(api, admin, 'Elsewhere Trust');
  ids.home = await createAcademy(api, admin, { name: 'Home Primary', trustId: ids.trust, latitude: 50.41, longitude: -4.67 });
  ids.receiving = await createAcademy(api, admin, { name: 'Receiving Primary', trustId: ids.trust, fsmPercent: 45 });
  ids.far = await createAcademy(api, admin, { name: 'Far Primary', trustId: ids.trust, latitude: 54.0, longitude: -2.8 });
  ids.execStaff = (await createStaff(api, admin, ids.home, { role: 'EXECUTIVE_HEADTEACHER', expertise: [] })).id;
  ids.hub = (await must(api, CREATE_CLUSTER, { input: { name: 'Offer Hub', trustId: ids.trust, leadAcademyId: ids.home, executiveHeadId: ids.execStaff, memberAcademyIds: [ids.home, ids.receiving] } }, admin, 'createCluster')).cluster.id;
  lead = await api.token('IMPROVEMENT_LEAD', { trustId: ids.trust, sub: 'lead-offers' });
  otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: ids.otherTrust, sub: 'lead-elsewhere' });
  execHead = await api.token('EXECUTIVE_HEAD', { clusterId: ids.hub, trustId: ids.trust, staffId: ids.execStaff });
  await createStaff(api, admin, ids.home, { role: 'HEADTEACHER', email: 'head@home.example.org', name: 'Hana Home', expertise: [] });
  // The lead is in the user directory with their email: that is how offers reach them by email.
  await must(api, `mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { email } userErrors { field code message } } }`,
    { input: { email: 'lead@offer-trust.example.org', subject: 'lead-offers', role: 'IMPROVEMENT_LEAD', trustId: ids.trust } }, admin, 'enrolUser');
});
afterAll(async () => {
  await api.close();
});

describe('a teacher offers help and the lead turns it into a proposal', () => {
  it('shows the offer with the explanation the offerer would get, in waitingForMe, and accepts it through the propose path', async () => {
    const supporter = await createStaff(api, admin, ids.home, { capacityDays: 10, email: 'tess@home.example.org', name: 'Tess Teacher' });
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 4 });
    const tess = await teacher(supporter.id, ids.home);

    const { offer } = await must(api, OFFER, { input: { needId: need.id, note: 'I led KS2 maths recovery at Home Primary', days: 3 } }, tess, 'offerSupport');
    expect(offer).toMatchObject({ status: 'OPEN', kind: 'STAFF', days: 3, note: 'I led KS2 maths recovery at Home Primary', staffMember: { id: supporter.id }, need: { id: need.id }, decision: null, deployment: null });
    // The same explanation as the offerer's own "where could I help most" gives for this need.
    const mine = await api.gql(`query ($id: ID!) { rankNeedsForStaff(staffId: $id, first: 50) { score need { id } factors { name contribution detail } } }`, { id: supporter.id }, { token: tess });
    const ranked = mine.data.rankNeedsForStaff.find((n: any) => n.need.id === need.id);
    expect(ranked).toBeDefined();
    expect(offer.explanation.excludedFor).toBeNull();
    expect(offer.explanation.score).toBeCloseTo(ranked.score, 6);
    // Computed a moment apart: only the waiting time's tiny share may differ.
    expect(offer.explanation.factors.map((f: any) => [f.name, f.detail])).toEqual(ranked.factors.map((f: any) => [f.name, f.detail]));
    offer.explanation.factors.forEach((f: any, i: number) => expect(f.contribution).toBeCloseTo(ranked.factors[i].contribution, 6));
    const sum = offer.explanation.factors.reduce((s: number, f: any) => s + f.contribution, 0);
    expect(sum).toBeCloseTo(offer.explanation.score, 9);

    // The lead is emailed that an offer waits on them.
    expect(await emailsTo('lead@offer-trust.example.org')).toEqual([
      expect.objectContaining({ kind: 'OFFER_MADE', subject: 'An offer of help waits on you: Tess Teacher for Receiving Primary', text: expect.stringContaining('I led KS2 maths recovery at Home Primary') }),
    ]);
    // Beside the ranking: the need's offers, for the lead and the hub's executive head; not another trust's lead.
    expect((await offersOn(need.id, lead)).map((o) => o.id)).toEqual([offer.id]);
    expect((await offersOn(need.id, execHead)).map((o) => o.id)).toEqual([offer.id]);
    expect(await offersOn(need.id, otherLead)).toEqual([]);
    const refused = await api.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: offer.id }, { token: otherLead });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Offers to consider wait on the lead (and the executive head), since the offer was made.
    const waiting = (await api.gql(WAITING, {}, { token: lead })).data.waitingForMe.filter((s: any) => s.kind === 'OFFER');
    expect(waiting).toEqual([{ kind: 'OFFER', since: offer.statusSince, offer: { id: offer.id }, need: { id: need.id }, deployment: null }]);
    expect((await api.gql(WAITING, {}, { token: execHead })).data.waitingForMe.map((s: any) => s.offer?.id)).toContain(offer.id);
    // The teacher may not accept their own offer.
    expect((await api.gql(ACCEPT, { input: { id: offer.id } }, { token: tess })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const accepted = await must(api, ACCEPT, { input: { id: offer.id } }, lead, 'acceptOffer');
    expect(accepted.deployment).toMatchObject({ status: 'PROPOSED', days: 3 });
    expect(accepted.offer).toMatchObject({ status: 'ACCEPTED', deployment: { id: accepted.deployment.id, staffMember: { id: supporter.id } }, decision: { reason: null, by: { role: 'IMPROVEMENT_LEAD' } } });
    // The proposal is an ordinary one: the supporter's days reserved, the need covered, its headteacher asked to release.
    const stored = await Deployment.findById(rawId(accepted.deployment.id, 'Deployment')).lean();
    expect(stored).toMatchObject({ status: 'PROPOSED', days: 3, daysHeld: true });
    expect((await emailsTo('head@home.example.org')).map((m) => m.kind)).toContain('RELEASE_WANTED');
    const offererMail = await emailsTo('tess@home.example.org');
    expect(offererMail).toEqual([expect.objectContaining({ kind: 'OFFER_ACCEPTED', subject: 'Your offer was taken up: Receiving Primary' })]);
    // No longer waiting; the teacher sees its status; both steps audited.
    expect((await api.gql(WAITING, {}, { token: lead })).data.waitingForMe.filter((s: any) => s.offer?.id === offer.id)).toEqual([]);
    expect((await api.gql(MY_OFFERS, {}, { token: tess })).data.myOffers).toEqual([{ id: offer.id, status: 'ACCEPTED', decision: { reason: null }, need: { id: need.id } }]);
    const audit = await AuditEntry.find({ entityType: 'SupportOffer', entityId: rawId(offer.id, 'SupportOffer') }).sort({ at: 1 }).lean();
    expect(audit.map((a) => [a.action, a.actor.role])).toEqual([['OFFERED', 'TEACHER'], ['ACCEPTED', 'IMPROVEMENT_LEAD']]);
    // Accepting twice is refused by the offer's status.
    expect((await api.gql(ACCEPT, { input: { id: offer.id } }, { token: lead })).data.acceptOffer.userErrors).toEqual([expect.objectContaining({ field: ['id'], code: 'OFFER_NOT_OPEN' })]);
  });

  it('lets a headteacher offer their whole school, and nobody else offer it', async () => {
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const head = await api.token('HEADTEACHER', { academyId: ids.home, trustId: ids.trust, sub: 'head-home' });
    const { offer } = await must(api, OFFER, { input: { needId: need.id, academyId: ids.home } }, head, 'offerSupport');
    expect(offer).toMatchObject({ kind: 'ACADEMY', supportingAcademy: { id: ids.home }, staffMember: null, days: null });
    expect(offer.explanation).not.toBeNull();
    const otherHead = await api.token('HEADTEACHER', { academyId: ids.far, trustId: ids.trust, sub: 'head-far' });
    expect((await api.gql(OFFER, { input: { needId: need.id, academyId: ids.home } }, { token: otherHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(MY_OFFERS, {}, { token: head })).data.myOffers.map((o: any) => o.id)).toContain(offer.id);
  });

  it("tells the lead which school offers, and that school's headteachers what became of its offer", async () => {
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    // Not a staff member nor in the user directory: the school's headteachers on record are told.
    const head = await api.token('HEADTEACHER', { academyId: ids.home, trustId: ids.trust, sub: 'head-home-mail' });
    const { offer } = await must(api, OFFER, { input: { needId: need.id, academyId: ids.home, note: 'Our maths team can come' } }, head, 'offerSupport');
    const about = async (address: string) => (await emailsTo(address)).filter((m) => m.text.includes(offer.id));
    expect(await about('lead@offer-trust.example.org')).toEqual([
      expect.objectContaining({ kind: 'OFFER_MADE', subject: 'An offer of help waits on you: Home Primary for Receiving Primary', text: expect.stringContaining('Home Primary has offered') }),
    ]);
    await must(api, DECLINE, { input: { id: offer.id, reason: 'A nearer school has offered the same' } }, lead, 'declineOffer');
    expect(await about('head@home.example.org')).toEqual([expect.objectContaining({ kind: 'OFFER_DECLINED', subject: 'Your offer was declined: Receiving Primary', text: expect.stringContaining('Dear Hana Home,') })]);
  });
});

describe('refusals, each writing nothing', () => {
  it('names the field of bad input, refuses duplicates, leavers, closed needs and callers who are no one', async () => {
    const supporter = await createStaff(api, admin, ids.home);
    const tess = await teacher(supporter.id, ids.home);
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const before = await SupportOffer.countDocuments();
    const errorsOf = async (input: Record<string, unknown>, token = tess) => (await api.gql(OFFER, { input }, { token })).data.offerSupport.userErrors;

    expect(await errorsOf({ needId: need.id, days: 0 })).toEqual([expect.objectContaining({ field: ['days'], code: 'INVALID' })]);
    expect(await errorsOf({ needId: need.id, days: 3 })).toEqual([expect.objectContaining({ field: ['days'], code: 'EXCEEDS_NEED', message: 'the need has only 2 days still to arrange' })]);
    expect(await errorsOf({ needId: need.id, note: 'x'.repeat(2001) })).toEqual([expect.objectContaining({ field: ['note'] })]);
    expect(await errorsOf({ needId: 'not-an-id' })).toEqual([expect.objectContaining({ field: ['needId'], code: 'INVALID_ID' })]);
    expect(await SupportOffer.countDocuments()).toBe(before);
    // An ADMIN or a lead is no staff member: there is nobody to offer.
    expect((await api.gql(OFFER, { input: { needId: need.id } }, { token: lead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A duplicate, even racing: one open offer per supporter and need.
    const racing = await Promise.all([1, 2, 3].map(() => api.gql(OFFER, { input: { needId: need.id } }, { token: tess })));
    expect(racing.filter((r) => r.data.offerSupport.offer).length).toBe(1);
    expect(racing.flatMap((r) => r.data.offerSupport.userErrors.map((e: any) => e.code))).toEqual(['DUPLICATE_OFFER', 'DUPLICATE_OFFER']);
    expect(await SupportOffer.countDocuments({ needId: rawId(need.id, 'ImprovementNeed') })).toBe(1);

    // Withdrawn by the offerer (not by another teacher); then they may offer again.
    const first = racing.find((r) => r.data.offerSupport.offer)!.data.offerSupport.offer;
    const stranger = await teacher((await createStaff(api, admin, ids.home)).id, ids.home);
    expect((await api.gql(WITHDRAW, { input: { id: first.id } }, { token: stranger })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await must(api, WITHDRAW, { input: { id: first.id } }, tess, 'withdrawOffer')).offer.status).toBe('WITHDRAWN');
    expect((await api.gql(WITHDRAW, { input: { id: first.id } }, { token: tess })).data.withdrawOffer.userErrors).toEqual([expect.objectContaining({ code: 'OFFER_NOT_OPEN' })]);
    expect((await must(api, OFFER, { input: { needId: need.id } }, tess, 'offerSupport')).offer.status).toBe('OPEN');

    // A leaver cannot offer.
    const leaver = await createStaff(api, admin, ids.home);
    await must(api, `mutation ($input: MarkStaffLeftInput!) { markStaffLeft(input: $input) { staffMember { id } userErrors { code } } }`, { input: { staffId: leaver.id } }, admin, 'markStaffLeft');
    expect(await errorsOf({ needId: need.id }, await teacher(leaver.id, ids.home))).toEqual([expect.objectContaining({ field: null, code: 'STAFF_LEFT' })]);

    // A need that was withdrawn meanwhile takes no offers.
    const closed = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    await must(api, CLOSE_NEED, { input: { id: closed.id } }, admin, 'closeNeed');
    expect(await errorsOf({ needId: closed.id })).toEqual([expect.objectContaining({ field: ['needId'], code: 'NEED_NOT_OPEN', message: expect.stringContaining('CLOSED') })]);
  });
});

describe('the offerer’s own records', () => {
  it('closes a leaver’s open offers with the reason, and lists a person’s offers in their subject access export', async () => {
    const supporter = await createStaff(api, admin, ids.home);
    const token = await teacher(supporter.id, ids.home);
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const { offer } = await must(api, OFFER, { input: { needId: need.id, note: 'Happy to coach on Thursdays' } }, token, 'offerSupport');

    const exported = await fetch(api.url.replace(/\/graphql$/, '/exports/me.json'), { headers: { authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { offers: { id: string; needId: string; note: string }[]; auditEntries: { entityId: string; action: string }[] };
    expect(body.offers).toEqual([expect.objectContaining({ id: offer.id, needId: need.id, note: 'Happy to coach on Thursdays' })]);
    expect(body.auditEntries).toContainEqual(expect.objectContaining({ entityId: offer.id, action: 'OFFERED' }));

    await must(api, `mutation ($input: MarkStaffLeftInput!) { markStaffLeft(input: $input) { staffMember { id } userErrors { code } } }`, { input: { staffId: supporter.id } }, admin, 'markStaffLeft');
    expect((await offersOn(need.id, lead))[0]).toMatchObject({ id: offer.id, status: 'CLOSED', decision: { reason: 'the offerer has left their school' } });
  });
});

describe('declining, and offers the ranking excludes', () => {
  it('declines with a reason the offerer sees and is emailed; only those who may propose may decline', async () => {
    const supporter = await createStaff(api, admin, ids.home, { email: 'dan@home.example.org' });
    const dan = await teacher(supporter.id, ids.home);
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const { offer } = await must(api, OFFER, { input: { needId: need.id } }, dan, 'offerSupport');
    expect((await api.gql(DECLINE, { input: { id: offer.id, reason: 'no' } }, { token: lead })).data.declineOffer.userErrors).toEqual([expect.objectContaining({ field: ['reason'], code: 'INVALID' })]);
    expect((await api.gql(DECLINE, { input: { id: offer.id, reason: 'Not needed' } }, { token: dan })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(DECLINE, { input: { id: offer.id, reason: 'Not needed' } }, { token: otherLead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await emailsTo('dan@home.example.org')).toEqual([]);

    const reason = 'The school has chosen a phonics-first approach this term';
    const declined = await must(api, DECLINE, { input: { id: offer.id, reason } }, lead, 'declineOffer');
    expect(declined.offer).toMatchObject({ status: 'DECLINED', decision: { reason, by: { role: 'IMPROVEMENT_LEAD' } } });
    expect((await api.gql(MY_OFFERS, { status: ['DECLINED'] }, { token: dan })).data.myOffers).toEqual([{ id: offer.id, status: 'DECLINED', decision: { reason }, need: { id: need.id } }]);
    const mail = await emailsTo('dan@home.example.org');
    expect(mail).toEqual([expect.objectContaining({ kind: 'OFFER_DECLINED', subject: 'Your offer was declined: Receiving Primary' })]);
    expect(mail[0]!.text).toContain(reason);
    expect((await api.gql(ACCEPT, { input: { id: offer.id } }, { token: lead })).data.acceptOffer.userErrors).toEqual([expect.objectContaining({ code: 'OFFER_NOT_OPEN' })]);
  });

  it('shows why an excluded offerer is excluded, and accepting is refused by the propose path with the offer left open', async () => {
    const farAway = await createStaff(api, admin, ids.far, { maxTravelKm: 10 });
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const { offer } = await must(api, OFFER, { input: { needId: need.id } }, await teacher(farAway.id, ids.far), 'offerSupport');
    expect(offer.explanation).toEqual({ score: null, distanceKm: null, excludedFor: 'OUT_OF_TRAVEL_RANGE', factors: [] });
    const deploymentsBefore = await Deployment.countDocuments();
    const refused = (await api.gql(ACCEPT, { input: { id: offer.id } }, { token: lead })).data.acceptOffer;
    expect(refused).toMatchObject({ offer: null, deployment: null, userErrors: [expect.objectContaining({ field: ['id'], code: 'OUT_OF_TRAVEL_RANGE' })] });
    expect(await Deployment.countDocuments()).toBe(deploymentsBefore);
    expect((await offersOn(need.id, lead))[0]).toMatchObject({ id: offer.id, status: 'OPEN' });
  });
});

describe('needs that stop waiting close their open offers', () => {
  it('closes the open offers of a need once it is met, and of one withdrawn, telling each offerer why', async () => {
    const first = await createStaff(api, admin, ids.home, { capacityDays: 10 });
    const second = await createStaff(api, admin, ids.home, { capacityDays: 10, email: 'sam@home.example.org' });
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const a = (await must(api, OFFER, { input: { needId: need.id } }, await teacher(first.id, ids.home), 'offerSupport')).offer;
    const b = (await must(api, OFFER, { input: { needId: need.id } }, await teacher(second.id, ids.home), 'offerSupport')).offer;
    const { deployment } = await must(api, ACCEPT, { input: { id: a.id, days: 2 } }, lead, 'acceptOffer');
    // Fully covered (MATCHED): b stays open, since a decline would reopen the need.
    expect((await offersOn(need.id, lead, ['OPEN'])).map((o) => o.id)).toEqual([b.id]);
    for (const move of ['agreeDeployment', 'startDeployment']) await must(api, MOVE(move), { input: { id: deployment.id } }, admin, move);
    await must(api, MOVE('completeDeployment', 'CompleteDeploymentInput'), { input: { id: deployment.id, impactRating: 3, impactEvidence: 'Pupils reasoning aloud in every lesson' } }, admin, 'completeDeployment');

    const closed = (await offersOn(need.id, lead)).find((o) => o.id === b.id);
    expect(closed).toMatchObject({ status: 'CLOSED', decision: { reason: 'the need has been met' } });
    expect((await emailsTo('sam@home.example.org')).map((m) => m.kind)).toEqual(['OFFER_CLOSED']);
    expect((await api.gql(OFFER, { input: { needId: need.id } }, { token: await teacher(second.id, ids.home) })).data.offerSupport.userErrors).toEqual([expect.objectContaining({ code: 'NEED_NOT_OPEN' })]);

    const withdrawn = await raiseNeed(api, admin, ids.receiving, { daysRequested: 2 });
    const c = (await must(api, OFFER, { input: { needId: withdrawn.id } }, await teacher(second.id, ids.home), 'offerSupport')).offer;
    await must(api, CLOSE_NEED, { input: { id: withdrawn.id } }, admin, 'closeNeed');
    expect((await offersOn(withdrawn.id, lead))[0]).toMatchObject({ id: c.id, status: 'CLOSED', decision: { reason: 'the need was withdrawn by the school' } });
    const audit = await AuditEntry.find({ entityType: 'SupportOffer', entityId: rawId(c.id, 'SupportOffer') }).sort({ at: 1 }).lean();
    expect(audit.map((e) => e.action)).toEqual(['OFFERED', 'CLOSED']);
  });

  it('of racing accepts of one offer, exactly one proposes', async () => {
    const supporter = await createStaff(api, admin, ids.home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: 4 });
    const { offer } = await must(api, OFFER, { input: { needId: need.id, days: 2 } }, await teacher(supporter.id, ids.home), 'offerSupport');
    const results = await Promise.all([lead, lead, execHead].map((token) => api.gql(ACCEPT, { input: { id: offer.id } }, { token })));
    const made = results.filter((r) => r.data.acceptOffer.deployment);
    expect(made).toHaveLength(1);
    expect(results.filter((r) => !r.data.acceptOffer.deployment).flatMap((r) => r.data.acceptOffer.userErrors.map((e: any) => e.code)).every((c: string) => c === 'CONFLICT' || c === 'OFFER_NOT_OPEN')).toBe(true);
    expect(await Deployment.countDocuments({ needId: rawId(need.id, 'ImprovementNeed') })).toBe(1);
    const proposedBefore = await api.gql(PROPOSE, { input: { needId: need.id, staffId: supporter.id, days: 2 } }, { token: lead });
    expect(proposedBefore.data.proposeDeployment.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_SUPPORTING' })]);
  });
});
