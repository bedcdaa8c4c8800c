// IDs that name nothing, given to the mutations of the email settings, the outbox, the calendar
// feeds and the development sign-in: each answers the same user error as it always has (the
// field, the code and the message), now that the IDs are decoded at the schema boundary, and
// writes nothing. A calendar feed's owner or id that is not an ID of its type is NOT_FOUND, as
// one naming no record is; the others tell INVALID_ID from NOT_FOUND.
import { encodeGlobalId } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { CalendarFeed } from '../../server/models/calendar-feed';
import { TrustReminderSettings } from '../../server/models/email-settings';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let academyId: string;
let staffId: string;

const NOTHING = '000000000000000000000000';

const CREATE_FEED = `mutation ($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { feed { id } path userErrors { field code message } } }`;
const REVOKE_FEED = `mutation ($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { feed { id } userErrors { field code message } } }`;
const RETRY = `mutation ($input: RetryEmailInput!) { retryEmail(input: $input) { email { id } userErrors { field code message } } }`;
const SET_RULE = `mutation ($input: SetTrustReminderRuleInput!) { setTrustReminderRule(input: $input) { reminderRule { reminderAfterSchoolDays closedDates } userErrors { field code message } } }`;
const SIGN_IN = `mutation ($input: DevSignInInput!) { devSignIn(input: $input) { token role userErrors { field code message } } }`;

const payload = async (query: string, input: Record<string, unknown>, field: string, token: string | null = admin) => {
  const response = await api.gql(query, { input }, { token });
  expect(response.errors).toBeUndefined();
  return response.data[field];
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-ids' });
  trustId = await createTrust(api, admin, 'Boundary Trust');
  academyId = await createAcademy(api, admin, { name: 'Boundary School', trustId });
  staffId = (await createStaff(api, admin, academyId, { name: 'Bea Boundary' })).id;
});
afterAll(() => api.close());

describe('createCalendarFeed and revokeCalendarFeed', () => {
  it.each([
    ['a Trust ID as staffId', { staffId: 'trust' }, 'staffId', 'StaffMember'],
    ['text that is no ID as staffId', { staffId: 'not-an-id' }, 'staffId', 'StaffMember'],
    ['a StaffMember ID that names no one', { staffId: encodeGlobalId('StaffMember', NOTHING) }, 'staffId', 'StaffMember'],
    ['a StaffMember ID as academyId', { academyId: 'staff' }, 'academyId', 'Academy'],
    ['an Academy ID that names no school', { academyId: encodeGlobalId('Academy', NOTHING) }, 'academyId', 'Academy'],
  ])('answers %s with NOT_FOUND on that field, writing nothing', async (_title, given, field, type) => {
    const input = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v === 'trust' ? trustId : v === 'staff' ? staffId : v]));
    const created = await payload(CREATE_FEED, input, 'createCalendarFeed');
    expect(created).toEqual({ feed: null, path: null, userErrors: [{ field: [field], code: 'NOT_FOUND', message: `${field}: no ${type} with this ID exists` }] });
    expect(await CalendarFeed.countDocuments({})).toBe(0);
  });

  it('still refuses both owners or neither before reading either (INVALID on staffId)', async () => {
    for (const input of [{}, { staffId: 'not-an-id', academyId: 'not-an-id' }, { staffId: '', academyId: '' }]) {
      expect((await payload(CREATE_FEED, input, 'createCalendarFeed')).userErrors).toEqual([{ field: ['staffId'], code: 'INVALID', message: 'give exactly one of staffId or academyId' }]);
    }
  });

  it('answers a revoke of an id that is no CalendarFeed ID, or names none, with NOT_FOUND', async () => {
    for (const id of ['not-an-id', staffId, encodeGlobalId('CalendarFeed', NOTHING)]) {
      expect(await payload(REVOKE_FEED, { id }, 'revokeCalendarFeed')).toEqual({ feed: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: 'id: no CalendarFeed with this ID exists' }] });
    }
  });

  it('revokes a school feed by its ID (the owner read back by its raw id), audited', async () => {
    const { feed } = await must(api, CREATE_FEED, { input: { academyId } }, admin, 'createCalendarFeed');
    const revoked = await payload(REVOKE_FEED, { id: feed.id }, 'revokeCalendarFeed');
    expect(revoked).toEqual({ feed: { id: feed.id }, userErrors: [] });
    expect(await AuditEntry.countDocuments({ entityType: 'CalendarFeed', action: 'REVOKED', 'actor.sub': 'admin-ids' })).toBe(1);
  });
});

describe('retryEmail', () => {
  it('tells an id that is no OutboxEmail ID (INVALID_ID) from one naming no email (NOT_FOUND)', async () => {
    expect((await payload(RETRY, { id: 'not-an-id' }, 'retryEmail')).userErrors).toEqual([{ field: ['id'], code: 'INVALID_ID', message: 'id is not a valid OutboxEmail ID' }]);
    expect((await payload(RETRY, { id: trustId }, 'retryEmail')).userErrors).toEqual([{ field: ['id'], code: 'INVALID_ID', message: 'id is not a valid OutboxEmail ID' }]);
    expect((await payload(RETRY, { id: encodeGlobalId('OutboxEmail', NOTHING) }, 'retryEmail')).userErrors).toEqual([{ field: ['id'], code: 'NOT_FOUND', message: 'id: no OutboxEmail with this ID exists' }]);
  });
});

describe('setTrustReminderRule', () => {
  it('tells an id that is no Trust ID (INVALID_ID) from one naming no trust (NOT_FOUND), before whose trust it is', async () => {
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-ids' });
    for (const token of [admin, lead]) {
      for (const id of ['not-an-id', academyId]) {
        expect((await payload(SET_RULE, { trustId: id, reminderAfterSchoolDays: 4 }, 'setTrustReminderRule', token)).userErrors).toEqual([
          { field: ['trustId'], code: 'INVALID_ID', message: 'trustId is not a valid Trust ID' },
        ]);
      }
      expect((await payload(SET_RULE, { trustId: encodeGlobalId('Trust', NOTHING), reminderAfterSchoolDays: 4 }, 'setTrustReminderRule', token)).userErrors).toEqual([
        { field: ['trustId'], code: 'NOT_FOUND', message: 'trustId: no Trust with this ID exists' },
      ]);
    }
    expect(await TrustReminderSettings.countDocuments({})).toBe(0);
    const set = await payload(SET_RULE, { trustId, reminderAfterSchoolDays: 4, closedDates: ['2030-01-02'] }, 'setTrustReminderRule', lead);
    expect(set).toEqual({ reminderRule: { reminderAfterSchoolDays: 4, closedDates: ['2030-01-02'] }, userErrors: [] });
  });
});

describe('devSignIn', () => {
  it('names the hub as a hub in its ID errors, and counts an empty scopeId as not given', async () => {
    expect((await payload(SIGN_IN, { role: 'EXECUTIVE_HEAD', scopeId: trustId }, 'devSignIn', null)).userErrors).toEqual([
      { field: ['scopeId'], code: 'INVALID_ID', message: 'scopeId is not a valid hub (Cluster) ID' },
    ]);
    expect((await payload(SIGN_IN, { role: 'EXECUTIVE_HEAD', scopeId: encodeGlobalId('Cluster', NOTHING) }, 'devSignIn', null)).userErrors).toEqual([
      { field: ['scopeId'], code: 'NOT_FOUND', message: 'scopeId: no hub (Cluster) with this ID exists' },
    ]);
    expect((await payload(SIGN_IN, { role: 'TEACHER', scopeId: '' }, 'devSignIn', null)).userErrors).toEqual([
      { field: ['scopeId'], code: 'REQUIRED', message: 'scopeId is required for TEACHER: the StaffMember to act for' },
    ]);
    expect(await payload(SIGN_IN, { role: 'ADMIN', scopeId: '' }, 'devSignIn', null)).toEqual({ token: expect.any(String), role: 'ADMIN', userErrors: [] });
    expect((await payload(SIGN_IN, { role: 'ADMIN', scopeId: 'anything' }, 'devSignIn', null)).userErrors).toEqual([
      { field: ['scopeId'], code: 'INVALID', message: 'scopeId must be omitted for ADMIN, who is not scoped to a record' },
    ]);
    const teacher = await payload(SIGN_IN, { role: 'TEACHER', scopeId: staffId }, 'devSignIn', null);
    expect(teacher).toEqual({ token: expect.any(String), role: 'TEACHER', userErrors: [] });
  });
});
