// Private iCalendar feeds through real HTTP: created through the API, fetched as a calendar
// app fetches them (no token, the secret in the URL), revoked.
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let receiving: string;
let home: string;
let supporter: any;
let agreedId: string;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field code message } } }`;
const AGREE = `mutation ($input: DeploymentIdInput!) { agreeDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const CREATE = `mutation ($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { feed { id ownerType revokedAt } path userErrors { field code message } } }`;
const REVOKE = `mutation ($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { feed { id revokedAt } userErrors { field code } } }`;

const origin = () => api.url.replace(/\/graphql$/, '');
const fetchFeed = (path: string) => fetch(`${origin()}${path}`);
/** Unfolded lines of an iCalendar text. */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-1' });
  trustId = await createTrust(api, admin, 'Calendar Trust');
  receiving = await createAcademy(api, admin, { name: 'Receiving, School', trustId });
  home = await createAcademy(api, admin, { name: 'Home School', trustId, latitude: 50.41, longitude: -4.67 });
  supporter = await createStaff(api, admin, home, { name: 'Cara Calendar', capacityDays: 20 });
  const agreedNeed = await raiseNeed(api, admin, receiving, { daysRequested: 3 });
  agreedId = (await must(api, PROPOSE, { input: { needId: agreedNeed.id, staffId: supporter.id, days: 3, startDate: '2030-03-04', endDate: '2030-03-06' } }, admin, 'proposeDeployment')).deployment.id;
  const agreed = await must(api, AGREE, { input: { id: agreedId } }, admin, 'agreeDeployment');
  expect(agreed.deployment.status).toBe('AGREED');
  // Only proposed: not in anyone's calendar yet.
  const proposedNeed = await raiseNeed(api, admin, receiving, { daysRequested: 2, area: 'MATHS' });
  await must(api, PROPOSE, { input: { needId: proposedNeed.id, staffId: supporter.id, days: 2, startDate: '2030-04-01', endDate: '2030-04-02' } }, admin, 'proposeDeployment');
});
afterAll(() => api.close());

it("gives a person a private feed of their agreed deployments, and a new one replaces the old", async () => {
  const me = await api.token('TEACHER', { staffId: supporter.id });
  const created = await must(api, CREATE, { input: { staffId: supporter.id } }, me, 'createCalendarFeed');
  expect(created.path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const response = await fetchFeed(created.path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const ics = lines(await response.text());
  expect(ics[0]).toBe('BEGIN:VCALENDAR');
  expect(ics.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  expect(ics).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20300304', 'DTEND;VALUE=DATE:20300307', `UID:${agreedId}@school-support`, 'SUMMARY:Cara Calendar supporting Receiving\\, School: Mathematics']));

  const again = await must(api, CREATE, { input: { staffId: supporter.id } }, me, 'createCalendarFeed');
  expect((await fetchFeed(created.path)).status).toBe(404);
  expect((await fetchFeed(again.path)).status).toBe(200);
});

it("gives a school a feed of the support it gives and receives; only its people may create it", async () => {
  const otherTeacher = await api.token('TEACHER', { staffId: (await createStaff(api, admin, receiving)).id });
  const refused = await api.gql(CREATE, { input: { staffId: supporter.id } }, { token: otherTeacher });
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const otherHead = await api.token('HEADTEACHER', { academyId: receiving });
  expect((await api.gql(CREATE, { input: { academyId: home } }, { token: otherHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const both = await api.gql(CREATE, { input: { staffId: supporter.id, academyId: home } }, { token: admin });
  expect(both.data.createCalendarFeed).toMatchObject({ path: null, userErrors: [{ field: ['staffId'], code: 'INVALID' }] });

  for (const academyId of [home, receiving]) {
    const head = await api.token('HEADTEACHER', { academyId });
    const { path } = await must(api, CREATE, { input: { academyId } }, head, 'createCalendarFeed');
    const ics = lines(await (await fetchFeed(path)).text());
    expect(ics.filter((l) => l.startsWith('UID:'))).toEqual([`UID:${agreedId}@school-support`]);
  }
});

it('stops a revoked feed, and answers unknown secrets the same way', async () => {
  const { feed, path } = await must(api, CREATE, { input: { academyId: home } }, admin, 'createCalendarFeed');
  const revoked = await must(api, REVOKE, { input: { id: feed.id } }, admin, 'revokeCalendarFeed');
  expect(revoked.feed.revokedAt).not.toBeNull();
  expect((await fetchFeed(path)).status).toBe(404);
  expect((await fetchFeed(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
  expect((await fetchFeed('/calendar/short.ics')).status).toBe(404);
  const twice = await api.gql(REVOKE, { input: { id: feed.id } }, { token: admin });
  expect(twice.data.revokeCalendarFeed.userErrors).toEqual([{ field: ['id'], code: 'INVALID_TRANSITION' }]);
});
