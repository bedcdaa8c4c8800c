// Reminders after a trust's number of school days, and daily digests, delivered through a
// real SMTP server started here. Times are passed to the sweeps and the sender's ticks.
import { AuditEntry } from '../../server/models/audit-entry';
import { Deployment } from '../../server/models/deployment';
import { OutboxEmail } from '../../server/models/outbox-email';
import { decodeIdOfType } from '../../server/auth/global-id';
import { createSender, type OutboxSender } from '../../server/notifications/sender';
import { buildDigests, sendReminders } from '../../server/notifications/sweeps';
import { smtpTransport } from '../../server/notifications/transport';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let sink: SmtpSink;
let sender: OutboxSender;
let admin: string;
let lead: string;
let trustId: string;
let receiving: string;
let home: string;
let homeHead: any;
let receivingHead: any;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field code message } } }`;
const AGREE = `mutation ($input: DeploymentIdInput!) { agreeDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const SET_RULE = `mutation ($input: SetTrustReminderRuleInput!) { setTrustReminderRule(input: $input) { reminderRule { reminderAfterSchoolDays closedDates } userErrors { field code message } } }`;
const SET_PREF = `mutation ($input: SetEmailPreferenceInput!) { setEmailPreference(input: $input) { emailPreference { email dailyDigest } userErrors { field code message } } }`;

const arrivedFor = (address: string) => sink.arrived.filter((m) => m.envelopeTo.includes(address.toLowerCase()));

/** Proposed by the lead; its proposal dated `proposedAt` (a fixed weekday, so the school days counted are known). */
async function proposeAt(proposedAt: Date): Promise<string> {
  const supporter = await createStaff(api, admin, home, { capacityDays: 10 });
  const need = await raiseNeed(api, admin, receiving, { daysRequested: 2 });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: supporter.id, days: 2 } }, lead, 'proposeDeployment');
  await Deployment.updateOne({ _id: decodeIdOfType(deployment.id, 'Deployment') }, { $set: { 'statusHistory.0.at': proposedAt } });
  return deployment.id;
}

beforeAll(async () => {
  api = await startTestApi();
  sink = await startSmtpSink();
  sender = createSender({ transport: smtpTransport(sink.url), from: 'support@trust.example.org', maxAttempts: 3, retryBaseSeconds: 30, retryMaxSeconds: 600 });
  admin = await api.token('ADMIN', { sub: 'admin-1' });
  trustId = await createTrust(api, admin, 'Reminder Trust');
  receiving = await createAcademy(api, admin, { name: 'Receiving School', trustId, fsmPercent: 40 });
  home = await createAcademy(api, admin, { name: 'Home School', trustId, latitude: 50.41, longitude: -4.67 });
  homeHead = await createStaff(api, admin, home, { role: 'HEADTEACHER', email: 'head@home.example.org', name: 'Hana Home', expertise: [] });
  receivingHead = await createStaff(api, admin, receiving, { role: 'HEADTEACHER', email: 'head@receiving.example.org', name: 'Rory Receiving', expertise: [] });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-1' });
});
afterAll(async () => {
  sender.close();
  await sink.stop();
  await api.close();
});
beforeEach(async () => {
  await OutboxEmail.deleteMany({});
  await Deployment.updateMany({ status: 'PROPOSED' }, { $set: { status: 'CANCELLED' } });
  sink.arrived.length = 0;
});

describe('reminders after the trust’s number of school days', () => {
  it('are refused field by field and outside the trust; the default is 3 school days', async () => {
    const bad = await api.gql(SET_RULE, { input: { trustId, reminderAfterSchoolDays: 0 } }, { token: lead });
    expect(bad.data.setTrustReminderRule.userErrors).toEqual([expect.objectContaining({ field: ['reminderAfterSchoolDays'], code: 'INVALID' })]);
    const otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: await createTrust(api, admin, 'Other Trust'), sub: 'lead-2' });
    expect((await api.gql(SET_RULE, { input: { trustId, reminderAfterSchoolDays: 2 } }, { token: otherLead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const teacher = await api.token('TEACHER', { staffId: homeHead.id });
    expect((await api.gql(SET_RULE, { input: { trustId, reminderAfterSchoolDays: 2 } }, { token: teacher })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rule = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Trust { reminderRule { reminderAfterSchoolDays closedDates } } } }`, { id: trustId }, { token: lead });
    expect(rule.data.node.reminderRule).toEqual({ reminderAfterSchoolDays: 3, closedDates: [] });
  });

  it('remind the headteachers once per period of waiting school days, skipping weekends and closure dates, until they act', async () => {
    // Every 2 school days; Wednesday 9 January 2030 is a closure day.
    const set = await must(api, SET_RULE, { input: { trustId, reminderAfterSchoolDays: 2, closedDates: ['2030-01-09'] } }, lead, 'setTrustReminderRule');
    expect(set.reminderRule).toEqual({ reminderAfterSchoolDays: 2, closedDates: ['2030-01-09'] });
    const audit = await AuditEntry.find({ entityType: 'TrustReminderSettings' }).lean();
    expect(audit.map((a) => [a.action, a.actor.sub, JSON.stringify(a.changes)])).toEqual([['CREATED', 'lead-1', JSON.stringify({ reminderAfterSchoolDays: { from: 3, to: 2 }, closedDates: { from: [], to: ['2030-01-09'] } })]]);
    const id = await proposeAt(new Date('2030-01-07T09:00:00Z')); // Monday
    await sender.tick(new Date('2030-01-07T09:01:00Z')); // the first requests
    expect(sink.arrived).toHaveLength(2);
    sink.arrived.length = 0;

    const remindAndSend = async (iso: string) => {
      const written = await sendReminders(new Date(iso));
      await sender.tick(new Date(iso));
      return written;
    };
    expect(await remindAndSend('2030-01-09T10:00:00Z')).toBe(0); // Tue, (Wed closed): 1 school day
    expect(await remindAndSend('2030-01-10T10:00:00Z')).toBe(2); // Thu: 2 school days
    expect(await remindAndSend('2030-01-10T16:00:00Z')).toBe(0); // same period: not again
    expect(await remindAndSend('2030-01-13T10:00:00Z')).toBe(0); // Sun: still 3
    expect(arrivedFor('head@home.example.org').map((m) => m.subject)).toEqual([expect.stringMatching(/^Reminder: A release waits on you/)]);
    expect(arrivedFor('head@home.example.org')[0]!.raw).toContain('It has waited 2 school days.');
    expect(arrivedFor('head@receiving.example.org').map((m) => m.subject)).toEqual(['Reminder: Support for Receiving School waits on your acceptance']);

    // The home headteacher releases: from then on only the acceptance is chased.
    const homeHeadToken = await api.token('HEADTEACHER', { academyId: home, staffId: homeHead.id });
    await must(api, AGREE, { input: { id } }, homeHeadToken, 'agreeDeployment');
    expect(await remindAndSend('2030-01-14T10:00:00Z')).toBe(1); // Mon: 4 school days, second period
    expect(arrivedFor('head@home.example.org')).toHaveLength(1);
    expect(arrivedFor('head@receiving.example.org')).toHaveLength(2);
  });
});

describe('the daily digest', () => {
  it('holds a person’s messages and sends them as one message a day, from the digest hour', async () => {
    const headToken = await api.token('HEADTEACHER', { academyId: home, staffId: homeHead.id });
    const set = await must(api, SET_PREF, { input: { dailyDigest: true } }, headToken, 'setEmailPreference');
    expect(set.emailPreference).toEqual({ email: 'head@home.example.org', dailyDigest: true });
    const noEmail = await api.gql(SET_PREF, { input: { dailyDigest: true } }, { token: lead });
    expect(noEmail.data.setEmailPreference.userErrors).toEqual([expect.objectContaining({ code: 'NO_EMAIL' })]);

    await proposeAt(new Date('2030-01-07T09:00:00Z'));
    await proposeAt(new Date('2030-01-07T09:00:00Z'));
    await sender.tick(new Date('2030-01-07T09:01:00Z'));
    // The receiving head takes each message as it happens; the home head's wait.
    expect(arrivedFor('head@receiving.example.org')).toHaveLength(2);
    expect(arrivedFor('head@home.example.org')).toHaveLength(0);

    expect(await buildDigests(new Date('2030-01-08T06:30:00Z'), 7)).toBe(0); // before 07:00 in England
    expect(await buildDigests(new Date('2030-01-08T07:05:00Z'), 7)).toBe(1);
    expect(await buildDigests(new Date('2030-01-08T09:00:00Z'), 7)).toBe(0);
    await sender.tick(new Date('2030-01-08T07:06:00Z'));
    const digests = arrivedFor('head@home.example.org');
    expect(digests.map((m) => m.subject)).toEqual(['Your daily summary: 2 items from the school support service']);
    expect(digests[0]!.raw.match(/A release waits on you/g)).toHaveLength(2);
    expect(await OutboxEmail.countDocuments({ status: 'DIGESTED' })).toBe(2);

    // Back to each message as it happens.
    await must(api, SET_PREF, { input: { dailyDigest: false } }, headToken, 'setEmailPreference');
    await proposeAt(new Date('2030-01-08T10:00:00Z'));
    await sender.tick(new Date('2030-01-08T10:01:00Z'));
    expect(arrivedFor('head@home.example.org')).toHaveLength(2);
    const mine = await api.gql(`query { myEmailPreference { email dailyDigest } }`, {}, { token: headToken });
    expect(mine.data.myEmailPreference).toEqual({ email: 'head@home.example.org', dailyDigest: false });
  });
});
