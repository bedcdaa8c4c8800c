// A school that lends nobody (closed in the register, or in an Ofsted category of concern) is
// refused whatever would offer its people, at the time of asking, in the same words
// (server/domain/lending.ts): raising its whole-school support days (at supportCapacityDays),
// its headteacher offering the whole school for a need (at academyId), and one of its staff
// offering themself. Each refusal writes nothing. Lowering support days stays allowed.
// The register fixture lists URN 199011 (Bodmin Old Junior School) as closed on 31-08-2019.
import { resolve } from 'node:path';
import { decodeGlobalId } from '../../server/auth/global-id';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { importGiasFile } from '../../server/import/gias';
import { AuditEntry } from '../../server/models/audit-entry';
import { SupportOffer } from '../../server/models/support-offer';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed, UPSERT_ACADEMY } from '../support/world';

jest.setTimeout(120_000);

const SAMPLE = resolve(__dirname, '../fixtures/gias/edubasealldata-sample.csv');
const SET = `mutation ($input: SetAcademySupportCapacityInput!) {
  setAcademySupportCapacity(input: $input) { academy { supportCapacityDays supportRemainingDays } userErrors { field message code } }
}`;
const OFFER = `mutation ($input: OfferSupportInput!) { offerSupport(input: $input) { offer { id status } userErrors { field message code } } }`;
const SUPPORT = `query ($id: ID!) { node(id: $id) { ... on Academy { status closedOn supportCapacityDays supportRemainingDays latestInspection { categoryOfConcern } } } }`;

let api: TestApi;
let admin: string;
let trustId: string;
const id = { closed: '', closedTeacher: '', inadequate: '', inadequateTeacher: '', good: '', receiving: '' };

beforeAll(async () => {
  api = await startTestApi();
  setExternalWriteCheckInterval(0);
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Lending Refusals Trust');
  id.closed = (
    await must(
      api,
      UPSERT_ACADEMY,
      { input: { urn: '199011', name: 'Bodmin Old Junior School', phase: 'PRIMARY', ofstedRating: 'GOOD', fsmPercent: 30, pupils: 200, postcode: 'PL31 1EZ', latitude: 50.47, longitude: -4.72, trustId } },
      admin,
      'upsertAcademy',
    )
  ).academy.id;
  id.closedTeacher = (await createStaff(api, admin, id.closed, { capacityDays: 10 })).id;
  id.inadequate = await createAcademy(api, admin, { name: 'Refusals Inadequate Primary', trustId, ofstedRating: 'INADEQUATE' });
  id.inadequateTeacher = (await createStaff(api, admin, id.inadequate, { capacityDays: 10 })).id;
  id.good = await createAcademy(api, admin, { name: 'Refusals Good Primary', trustId });
  id.receiving = await createAcademy(api, admin, { name: 'Refusals Receiving Primary', trustId });
  // Days offered while it was open; then the register lists it as closed.
  await must(api, SET, { input: { academyId: id.closed, supportCapacityDays: 6 } }, admin, 'setAcademySupportCapacity');
  expect((await importGiasFile(SAMPLE)).closedHere.count).toBe(1);
});
afterAll(async () => {
  setExternalWriteCheckInterval(2_000);
  await api.close();
});

async function school(academyId: string) {
  const res = await api.gql(SUPPORT, { id: academyId }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}
const capacitySets = (academyId: string) => AuditEntry.countDocuments({ entityId: decodeGlobalId(academyId)!.id, action: 'SUPPORT_CAPACITY_SET' });
const offersWritten = () => SupportOffer.countDocuments({});
const offerAudits = () => AuditEntry.countDocuments({ entityType: 'SupportOffer' });

describe('whole-school support days of a closed school', () => {
  it('refuses raising them, at the field, saying it has closed and since when, and writes nothing', async () => {
    expect(await school(id.closed)).toMatchObject({ status: 'CLOSED', closedOn: '2019-08-31', supportCapacityDays: 6, supportRemainingDays: 6 });
    const head = await api.token('HEADTEACHER', { academyId: id.closed, trustId });
    const before = await capacitySets(id.closed);
    const res = await api.gql(SET, { input: { academyId: id.closed, supportCapacityDays: 8 } }, { token: head });
    expect(res.errors).toBeUndefined();
    expect(res.data.setAcademySupportCapacity).toEqual({
      academy: null,
      userErrors: [
        {
          field: ['supportCapacityDays'],
          code: 'ACADEMY_CLOSED',
          message:
            'Bodmin Old Junior School has closed (the register, GIAS, lists it as closed from 31 Aug 2019): it lends no staff, so it cannot offer more days (it offers 6); it may lower its offer, 0 withdraws it',
        },
      ],
    });
    expect(await school(id.closed)).toMatchObject({ supportCapacityDays: 6, supportRemainingDays: 6 });
    expect(await capacitySets(id.closed)).toBe(before);
  });

  it('lets it lower them (0 withdraws them), audited', async () => {
    const before = await capacitySets(id.closed);
    const lowered = await must(api, SET, { input: { academyId: id.closed, supportCapacityDays: 0 } }, admin, 'setAcademySupportCapacity');
    expect(lowered.academy).toEqual({ supportCapacityDays: 0, supportRemainingDays: 0 });
    expect(await capacitySets(id.closed)).toBe(before + 1);
  });
});

describe('offering a whole school for a need', () => {
  it('refuses a closed school at academyId, in the words of the support-days rule, writing nothing', async () => {
    const need = await raiseNeed(api, admin, id.receiving, { daysRequested: 3 });
    const head = await api.token('HEADTEACHER', { academyId: id.closed, trustId, sub: 'head-closed' });
    const [offers, audits] = [await offersWritten(), await offerAudits()];
    const res = await api.gql(OFFER, { input: { needId: need.id, academyId: id.closed } }, { token: head });
    expect(res.errors).toBeUndefined();
    expect(res.data.offerSupport).toEqual({
      offer: null,
      userErrors: [
        {
          field: ['academyId'],
          code: 'ACADEMY_CLOSED',
          message: 'Bodmin Old Junior School has closed (the register, GIAS, lists it as closed from 31 Aug 2019): it lends no staff, so it cannot offer its help',
        },
      ],
    });
    expect([await offersWritten(), await offerAudits()]).toEqual([offers, audits]);
  });

  it('refuses a school in a category of concern at academyId, naming the inspection without nested brackets', async () => {
    const need = await raiseNeed(api, admin, id.receiving, { daysRequested: 3 });
    const head = await api.token('HEADTEACHER', { academyId: id.inadequate, trustId, sub: 'head-inadequate' });
    const [offers, audits] = [await offersWritten(), await offerAudits()];
    const res = await api.gql(OFFER, { input: { needId: need.id, academyId: id.inadequate, days: 2 } }, { token: head });
    expect(res.data.offerSupport).toEqual({
      offer: null,
      userErrors: [
        {
          field: ['academyId'],
          code: 'CATEGORY_OF_CONCERN',
          message: 'Refusals Inadequate Primary is in an Ofsted category of concern (judged Inadequate; Ofsted judgement, date not recorded): it keeps its own staff, so it cannot offer its help',
        },
      ],
    });
    expect([await offersWritten(), await offerAudits()]).toEqual([offers, audits]);
    // The same phrase the support-days refusal and the API's own field give.
    expect((await school(id.inadequate)).latestInspection.categoryOfConcern).toBe('judged Inadequate; Ofsted judgement, date not recorded');
    const days = await api.gql(SET, { input: { academyId: id.inadequate, supportCapacityDays: 1 } }, { token: head });
    expect(days.data.setAcademySupportCapacity.userErrors[0].message).toBe(
      'Refusals Inadequate Primary is in an Ofsted category of concern (judged Inadequate; Ofsted judgement, date not recorded): it keeps its own staff, so it cannot offer more days (it offers 0); it may lower its offer, 0 withdraws it',
    );
  });

  it('still takes the offer of a school that may lend', async () => {
    const need = await raiseNeed(api, admin, id.receiving, { daysRequested: 3 });
    const head = await api.token('HEADTEACHER', { academyId: id.good, trustId, sub: 'head-good' });
    const { offer } = await must(api, OFFER, { input: { needId: need.id, academyId: id.good } }, head, 'offerSupport');
    expect(offer.status).toBe('OPEN');
    expect((await school(id.good)).latestInspection.categoryOfConcern).toBeNull();
  });
});

describe('a member of staff offering themself', () => {
  it('is refused when their school has closed or is in a category of concern, writing nothing', async () => {
    const need = await raiseNeed(api, admin, id.receiving, { daysRequested: 3 });
    const [offers, audits] = [await offersWritten(), await offerAudits()];
    const fromClosed = await api.token('TEACHER', { staffId: id.closedTeacher, academyId: id.closed, trustId });
    const closed = await api.gql(OFFER, { input: { needId: need.id, days: 2 } }, { token: fromClosed });
    expect(closed.data.offerSupport).toEqual({
      offer: null,
      userErrors: [{ field: null, code: 'ACADEMY_CLOSED', message: 'Bodmin Old Junior School has closed (the register, GIAS, lists it as closed from 31 Aug 2019): it lends no staff, so you, on its staff, cannot offer help' }],
    });
    const fromConcern = await api.token('TEACHER', { staffId: id.inadequateTeacher, academyId: id.inadequate, trustId });
    const concern = await api.gql(OFFER, { input: { needId: need.id } }, { token: fromConcern });
    expect(concern.data.offerSupport.userErrors).toEqual([{ field: null, code: 'CATEGORY_OF_CONCERN', message: expect.stringContaining('(judged Inadequate; Ofsted judgement, date not recorded): it keeps its own staff, so you, on its staff, cannot offer help') }]);
    expect([await offersWritten(), await offerAudits()]).toEqual([offers, audits]);
  });
});
