// Email through a real SMTP server started here (smtp-server on 127.0.0.1): what waits on
// whom is written to the outbox by the API's own requests, and the sender delivers it. The
// sender's clock is passed to each tick, so retries are driven without waiting.
import pino from 'pino';
import { OutboxEmail } from '../../server/models/outbox-email';
import { repairOutbox } from '../../server/notifications/notify';
import { pruneSentEmails } from '../../server/notifications/sweeps';
import { createConfiguredSender } from '../../server/notifications/runner';
import { createSender, type OutboxSender } from '../../server/notifications/sender';
import { loadEmailSettings } from '../../server/notifications/settings';
import { smtpTransport } from '../../server/notifications/transport';
import { type ArrivedMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let sink: SmtpSink;
let admin: string;
let lead: string;
let trustId: string;
let receiving: string;
let home: string;
let homeHead: any;
let receivingHead: any;
const LEAD_EMAIL = 'lead@trust.example.org';

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field code message } } }`;
const AGREE = `mutation ($input: DeploymentIdInput!) { agreeDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const DECLINE = `mutation ($input: DeploymentIdInput!) { declineDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const OUTBOX = `query ($filter: EmailOutboxFilter) { emailOutbox(first: 100, filter: $filter) { edges { node { id kind to subject status attempts lastError deployment { id } } } } }`;
const RETRY = `mutation ($input: RetryEmailInput!) { retryEmail(input: $input) { email { id status attempts } userErrors { field code } } }`;

const senderFor = (url: string, extra: Partial<Parameters<typeof createSender>[0]> = {}): OutboxSender =>
  createSender({ transport: smtpTransport(url), from: 'School support <support@trust.example.org>', maxAttempts: 4, retryBaseSeconds: 30, retryMaxSeconds: 600, ...extra });

const to = (mail: ArrivedMail) => mail.envelopeTo.join(',');
const arrivedFor = (address: string) => sink.arrived.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
const at = (iso: string) => new Date(iso);

/** A supporter at the home school and a need at the receiving school, proposed by the lead. */
async function propose(dates: { startDate?: string; endDate?: string } = {}): Promise<{ id: string; supporter: any }> {
  const supporter = await createStaff(api, admin, home, { capacityDays: 10 });
  const need = await raiseNeed(api, admin, receiving, { daysRequested: 2 });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: supporter.id, days: 2, ...dates } }, lead, 'proposeDeployment');
  return { id: deployment.id, supporter };
}

beforeAll(async () => {
  api = await startTestApi();
  sink = await startSmtpSink();
  admin = await api.token('ADMIN', { sub: 'admin-1' });
  trustId = await createTrust(api, admin, 'Mail Trust');
  receiving = await createAcademy(api, admin, { name: 'Receiving School', trustId, fsmPercent: 40 });
  home = await createAcademy(api, admin, { name: 'Home School', trustId, latitude: 50.41, longitude: -4.67 });
  homeHead = await createStaff(api, admin, home, { role: 'HEADTEACHER', email: 'Head.Home@home.example.org', name: 'Hana Home', expertise: [] });
  receivingHead = await createStaff(api, admin, receiving, { role: 'HEADTEACHER', email: 'head@receiving.example.org', name: 'Rory Receiving', expertise: [] });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-subject-1' });
  // The lead is in the user directory with their email: that is how the service knows where to write to them.
  await must(api, `mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { email } userErrors { field code message } } }`,
    { input: { email: LEAD_EMAIL, subject: 'lead-subject-1', role: 'IMPROVEMENT_LEAD', trustId } }, admin, 'enrolUser');
});
afterAll(async () => {
  await sink.stop();
  await api.close();
});
beforeEach(async () => {
  // Each scenario starts with an empty outbox and an empty mailbox.
  await OutboxEmail.deleteMany({});
  sink.arrived.length = 0;
  sink.refuse.clear();
});

describe('a proposal tells the headteachers', () => {
  it("emails the supporter's home headteacher (role HEADTEACHER there) that a release waits on them, once", async () => {
    const { id, supporter } = await propose();
    const sender = senderFor(sink.url);
    const report = await sender.tick(at('2030-01-07T09:00:00Z'));
    expect(report).toMatchObject({ sent: 2, retrying: 0, failed: 0 });

    const toHead = arrivedFor('head.home@home.example.org');
    expect(toHead).toHaveLength(1);
    expect(toHead[0]!.subject).toBe(`A release waits on you: ${supporter.name} for Receiving School`);
    expect(toHead[0]!.raw).toContain('The release waits on you as their headteacher');
    // The receiving school's headteacher is asked to accept; no one else hears of it yet.
    expect(arrivedFor('head@receiving.example.org').map((m) => m.subject)).toEqual(['Support for Receiving School waits on your acceptance']);
    expect(sink.arrived).toHaveLength(2);

    // Later ticks send nothing again; the outbox shows both SENT, tied to the deployment.
    expect(await sender.tick(at('2030-01-07T10:00:00Z'))).toMatchObject({ sent: 0, retrying: 0 });
    expect(sink.arrived).toHaveLength(2);
    const outbox = await api.gql(OUTBOX, {}, { token: admin });
    expect(outbox.data.emailOutbox.edges.map((e: any) => [e.node.kind, e.node.to, e.node.status, e.node.attempts, e.node.deployment.id]).sort()).toEqual([
      ['ACCEPTANCE_WANTED', 'head@receiving.example.org', 'SENT', 1, id],
      ['RELEASE_WANTED', 'Head.Home@home.example.org', 'SENT', 1, id],
    ]);
    sender.close();
  });

  it('writes a message left out by a failed request once, when the repair sweep runs (any number of times)', async () => {
    const started = Date.now();
    const { id } = await propose();
    // As if the request had failed between writing the deployment and writing its messages.
    await OutboxEmail.deleteMany({});
    const now = new Date();
    // The sweep looks back over a window; this one holds only this test's proposal.
    const window = now.getTime() - started + 1;
    expect(await repairOutbox(now, window)).toBe(2);
    expect(await repairOutbox(now, window)).toBe(0);
    const outbox = await api.gql(OUTBOX, {}, { token: admin });
    expect(outbox.data.emailOutbox.edges.map((e: any) => `${e.node.kind}:${e.node.deployment.id === id}`).sort()).toEqual(['ACCEPTANCE_WANTED:true', 'RELEASE_WANTED:true']);
  });
});

describe('the prune sweep', () => {
  it('deletes SENT messages older than the age kept, and nothing else; a later repair sweep does not write them again', async () => {
    const sender = senderFor(sink.url);
    const sentAt = Date.parse('2030-01-07T09:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    await propose(); // two messages: the release and the acceptance
    expect(await sender.tick(new Date(sentAt))).toMatchObject({ sent: 2 });
    await sink.stop();
    await propose(); // two more, which keep failing while the server is down
    await sender.tick(new Date(sentAt));
    sender.close();
    await sink.start();
    const statuses = async () => (await OutboxEmail.find({}, { status: 1 }).lean()).map((m) => m.status).sort();
    expect(await statuses()).toEqual(['PENDING', 'PENDING', 'SENT', 'SENT']);

    // Kept for 90 days: not yet at 89 days and 23 hours; gone after 90 days, the unsent kept.
    expect(await pruneSentEmails(new Date(sentAt + 90 * day - 60_000), 90)).toBe(0);
    expect(await pruneSentEmails(new Date(sentAt + 90 * day + 60_000), 90)).toBe(2);
    expect(await statuses()).toEqual(['PENDING', 'PENDING']);
    expect(await pruneSentEmails(new Date(sentAt + 400 * day), 90)).toBe(0);
    // The repair sweep looks back one day, so a message pruned after 90 days is never rewritten.
    expect(await repairOutbox(new Date(sentAt + 91 * day), 24 * 60 * 60 * 1000)).toBe(0);
    expect(await statuses()).toEqual(['PENDING', 'PENDING']);
  });
});

describe('a mail server on this machine with its own certificate', () => {
  it('is reached over STARTTLS without checking the certificate (smtp-server with its defaults)', async () => {
    const tlsSink = await startSmtpSink({ starttls: true });
    try {
      await propose();
      const sender = senderFor(tlsSink.url);
      expect(await sender.tick(new Date())).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
      expect(tlsSink.arrived).toHaveLength(2);
      sender.close();
    } finally {
      await tlsSink.stop();
    }
  });
});

describe('the mail server is down, then back', () => {
  it('keeps every message, retries with backoff and delivers each exactly once when the server is back', async () => {
    await sink.stop();
    const { supporter } = await propose();
    const sender = senderFor(sink.url);
    const t0 = Date.parse('2030-01-07T09:00:00Z');
    const tick = (seconds: number) => sender.tick(new Date(t0 + seconds * 1000));

    expect(await tick(0)).toMatchObject({ sent: 0, retrying: 2 });
    const waiting = (await api.gql(OUTBOX, { filter: { status: ['PENDING'] } }, { token: admin })).data.emailOutbox.edges.map((e: any) => e.node);
    expect(waiting).toHaveLength(2);
    for (const m of waiting) expect(m).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    // Not due again before the first backoff (30 s) is over.
    expect(await tick(29)).toMatchObject({ sent: 0, retrying: 0 });
    expect(await tick(30)).toMatchObject({ sent: 0, retrying: 2 }); // second failure: next after 60 s more
    expect(await tick(89)).toMatchObject({ sent: 0, retrying: 0 });

    await sink.start();
    expect(await tick(90)).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect(await tick(3600)).toMatchObject({ sent: 0, retrying: 0 });
    expect(sink.arrived.map(to).sort()).toEqual(['head.home@home.example.org', 'head@receiving.example.org']);
    expect(arrivedFor('head.home@home.example.org')[0]!.subject).toContain(supporter.name);
    sender.close();
  });

  it('marks a message FAILED when it keeps failing, shows it to an ADMIN only, and sends it again on retryEmail', async () => {
    sink.refuse.set('head@receiving.example.org', 451); // temporary refusals, every time
    await propose();
    const sender = senderFor(sink.url, { maxAttempts: 3, retryBaseSeconds: 10 });
    const t0 = Date.parse('2030-01-07T09:00:00Z');
    expect(await sender.tick(new Date(t0))).toMatchObject({ sent: 1, retrying: 1 });
    expect(await sender.tick(new Date(t0 + 10_000))).toMatchObject({ retrying: 1 });
    expect(await sender.tick(new Date(t0 + 30_000))).toMatchObject({ failed: 1 });
    expect(await sender.tick(new Date(t0 + 3_600_000))).toMatchObject({ sent: 0, retrying: 0, failed: 0 });

    const failed = (await api.gql(OUTBOX, { filter: { status: ['FAILED'] } }, { token: admin })).data.emailOutbox.edges.map((e: any) => e.node);
    expect(failed).toEqual([expect.objectContaining({ to: 'head@receiving.example.org', attempts: 3, lastError: expect.stringContaining('451') })]);
    const teacher = await api.token('TEACHER', { staffId: receivingHead.id });
    const refused = await api.gql(OUTBOX, {}, { token: teacher });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(RETRY, { input: { id: failed[0].id } }, { token: teacher })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    sink.refuse.clear();
    const retried = await must(api, RETRY, { input: { id: failed[0].id } }, admin, 'retryEmail');
    expect(retried.email).toMatchObject({ status: 'PENDING', attempts: 0 });
    const again = await api.gql(RETRY, { input: { id: failed[0].id } }, { token: admin });
    expect(again.data.retryEmail.userErrors).toEqual([{ field: ['id'], code: 'INVALID_TRANSITION' }]);
    expect(await sender.tick(new Date())).toMatchObject({ sent: 1 });
    expect(arrivedFor('head@receiving.example.org')).toHaveLength(1);
    const history = await api.gql(`query ($id: ID!) { history(id: $id) { action actor { sub } } }`, { id: failed[0].id }, { token: admin });
    expect(history.data.history).toEqual([{ action: 'RETRY', actor: { sub: 'admin-1' } }]);
    sender.close();
  });

  it('fails a message at once when the server refuses it for good (5xx)', async () => {
    sink.refuse.set('head.home@home.example.org', 550);
    await propose();
    const sender = senderFor(sink.url);
    expect(await sender.tick(new Date())).toMatchObject({ sent: 1, failed: 1, retrying: 0 });
    const failed = (await api.gql(OUTBOX, { filter: { status: ['FAILED'] } }, { token: admin })).data.emailOutbox.edges.map((e: any) => e.node);
    expect(failed).toEqual([expect.objectContaining({ kind: 'RELEASE_WANTED', attempts: 1, lastError: expect.stringContaining('550') })]);
    sender.close();
  });
});

describe('two senders at once', () => {
  it('deliver each message once when they tick together: each is claimed by one of them', async () => {
    for (let i = 0; i < 5; i += 1) await propose();
    expect(await OutboxEmail.countDocuments({ status: 'PENDING' })).toBe(10);
    const a = senderFor(sink.url, { instanceId: 'sender-a' });
    const b = senderFor(sink.url, { instanceId: 'sender-b' });
    const now = new Date();
    const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
    expect(ra.sent + rb.sent).toBe(10);
    expect(sink.arrived).toHaveLength(10);
    expect(new Set(sink.arrived.map((m) => m.messageId)).size).toBe(10);
    expect(await OutboxEmail.countDocuments({ status: 'SENT' })).toBe(10);
    a.close();
    b.close();
  });

  it('never send a message twice when one sender runs in the middle of another one sending', async () => {
    for (let i = 0; i < 3; i += 1) await propose();
    const now = new Date();
    const b = senderFor(sink.url, { instanceId: 'sender-b' });
    const smtp = smtpTransport(sink.url);
    let reportB: Awaited<ReturnType<OutboxSender['tick']>> | null = null;
    // Sender A, having read the due messages and claimed its first, lets sender B run a whole
    // tick before its own send goes out: B must leave A's message alone and A must not send
    // the ones B sent meanwhile.
    const a = createSender({
      transport: { kind: 'smtp', close: () => smtp.close(), send: async (mail) => { if (!reportB) reportB = await b.tick(now); await smtp.send(mail); } },
      from: 'School support <support@trust.example.org>', maxAttempts: 4, retryBaseSeconds: 30, retryMaxSeconds: 600, instanceId: 'sender-a',
    });
    const reportA = await a.tick(now);
    expect(reportA).toMatchObject({ sent: 1, skipped: 5 });
    expect(reportB).toMatchObject({ sent: 5, skipped: 0 });
    expect(sink.arrived).toHaveLength(6);
    expect(new Set(sink.arrived.map((m) => m.messageId)).size).toBe(6);
    a.close();
    b.close();
  });
});

describe('agreement and decline tell the proposer', () => {
  it('emails the lead who proposed and the supporter when both schools agree, with a calendar invitation', async () => {
    const { id, supporter } = await propose({ startDate: '2030-03-04', endDate: '2030-03-05' });
    const homeHeadToken = await api.token('HEADTEACHER', { academyId: home, staffId: homeHead.id });
    const receivingHeadToken = await api.token('HEADTEACHER', { academyId: receiving, staffId: receivingHead.id });
    await must(api, AGREE, { input: { id } }, homeHeadToken, 'agreeDeployment');
    const agreed = await must(api, AGREE, { input: { id } }, receivingHeadToken, 'agreeDeployment');
    expect(agreed.deployment.status).toBe('AGREED');
    const sender = senderFor(sink.url);
    await sender.tick(new Date());
    const agreedMail = sink.arrived.filter((m) => m.subject.startsWith('Agreed:'));
    expect(agreedMail.map(to).sort()).toEqual([LEAD_EMAIL, supporter.email.toLowerCase()].sort());
    for (const mail of agreedMail) {
      expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      const body = mail.raw.replace(/=\r\n/g, '');
      expect(body).toContain('DTSTART;VALUE=DATE:20300304');
      expect(body).toContain('DTEND;VALUE=DATE:20300306');
      expect(body).toContain(`ATTENDEE;RSVP=FALSE;PARTSTAT=ACCEPTED:mailto:${mail.envelopeTo[0]}`);
    }
    sender.close();
  });

  it('emails the proposer when a headteacher declines', async () => {
    const { id } = await propose();
    const homeHeadToken = await api.token('HEADTEACHER', { academyId: home, staffId: homeHead.id });
    await must(api, DECLINE, { input: { id } }, homeHeadToken, 'declineDeployment');
    const sender = senderFor(sink.url);
    await sender.tick(new Date());
    expect(sink.arrived.filter((m) => m.subject.startsWith('Declined:')).map(to)).toEqual([LEAD_EMAIL]);
    sender.close();
  });
});

describe('the deployment agreement tells the other school', () => {
  const UPDATE_AGREEMENT = `mutation ($input: UpdateDeploymentAgreementInput!) { updateDeploymentAgreement(input: $input) { deployment { id agreement { version } } userErrors { field code message } } }`;
  const SIGN_AGREEMENT = `mutation ($input: SignDeploymentAgreementInput!) { signDeploymentAgreement(input: $input) { deployment { id agreement { version signedByBoth } } userErrors { field code message } } }`;
  const agreementMail = () => sink.arrived.filter((m) => /agreement/i.test(m.subject)).map((m) => [to(m), m.subject]);

  it("emails the other school's headteacher when the agreement is written, signed and changed, each once", async () => {
    const started = Date.now();
    const { id, supporter } = await propose();
    const homeHeadToken = await api.token('HEADTEACHER', { academyId: home, staffId: homeHead.id });
    const receivingHeadToken = await api.token('HEADTEACHER', { academyId: receiving, staffId: receivingHead.id });
    const sender = senderFor(sink.url);
    await sender.tick(new Date());
    sink.arrived.length = 0;
    const about = `${supporter.name} for Receiving School`;

    // The receiving school writes it: the supporter's home school is told, not the writer.
    const written = await must(api, UPDATE_AGREEMENT, { input: { id, objectives: ['Raise reading at key stage 2'] } }, receivingHeadToken, 'updateDeploymentAgreement');
    expect(written.deployment.agreement.version).toBe(1);
    await sender.tick(new Date());
    expect(agreementMail()).toEqual([['head.home@home.example.org', `An agreement was written: ${about}`]]);
    expect(sink.arrived[0]!.raw).toContain('it is now version 1');

    // The home school signs: the receiving school is told; then the receiving school signs: the home school is told both have.
    await must(api, SIGN_AGREEMENT, { input: { id, version: 1 } }, homeHeadToken, 'signDeploymentAgreement');
    await sender.tick(new Date());
    expect(agreementMail().slice(1)).toEqual([['head@receiving.example.org', `Home School signed the agreement: ${about}`]]);
    const signed = await must(api, SIGN_AGREEMENT, { input: { id, version: 1 } }, receivingHeadToken, 'signDeploymentAgreement');
    expect(signed.deployment.agreement.signedByBoth).toBe(true);
    await sender.tick(new Date());
    expect(agreementMail().slice(2)).toEqual([['head.home@home.example.org', `The agreement is signed by both schools: ${about}`]]);

    // Once: the repair sweep derives the signatures' messages again and writes nothing new;
    // one lost between the two writes is written again, under the same key, once.
    const window = () => Date.now() - started + 1;
    expect(await repairOutbox(new Date(), window())).toBe(0);
    await OutboxEmail.deleteMany({ kind: 'AGREEMENT_SIGNED', to: 'head@receiving.example.org' });
    expect(await repairOutbox(new Date(), window())).toBe(1);
    expect(await repairOutbox(new Date(), window())).toBe(0);

    // Changed after signing, by the home school: the receiving school is told, and that both signatures went.
    await must(api, UPDATE_AGREEMENT, { input: { id, objectives: ['Raise reading at key stage 2', 'Coach two teachers'] } }, homeHeadToken, 'updateDeploymentAgreement');
    // The lead who arranged it changes it again: both schools are told.
    await must(api, UPDATE_AGREEMENT, { input: { id, objectives: ['Raise reading at key stage 2', 'Coach three teachers'] } }, lead, 'updateDeploymentAgreement');
    // Saving the same words again is no change, and tells no one.
    await must(api, UPDATE_AGREEMENT, { input: { id, objectives: ['Raise reading at key stage 2', 'Coach three teachers'] } }, lead, 'updateDeploymentAgreement');
    sink.arrived.length = 0;
    await sender.tick(new Date());
    expect(agreementMail().sort()).toEqual(
      [
        ['head.home@home.example.org', `The agreement was changed: ${about}`],
        ['head@receiving.example.org', `The agreement was changed: ${about}`],
        // The resent lost message of the receiving school's signature.
        ['head@receiving.example.org', `The agreement is signed by both schools: ${about}`],
        ['head@receiving.example.org', `The agreement was changed: ${about}`],
      ].sort(),
    );
    const toReceiving = sink.arrived.filter((m) => to(m) === 'head@receiving.example.org' && m.subject.startsWith('The agreement was changed')).map((m) => m.raw.replace(/=\r\n/g, ''));
    expect(toReceiving.some((raw) => raw.includes('it is now version 2') && raw.includes('cleared the signatures of Receiving School and Home School'))).toBe(true);
    expect(toReceiving.some((raw) => raw.includes('it is now version 3'))).toBe(true);
    const outbox = (await api.gql(OUTBOX, { filter: { status: ['SENT'] } }, { token: admin })).data.emailOutbox.edges.map((e: any) => e.node);
    expect(outbox.filter((e: any) => e.kind.startsWith('AGREEMENT_')).every((e: any) => e.deployment.id === id)).toBe(true);
    sender.close();
  });
});

describe('development without SMTP_URL', () => {
  it('catches messages: logged with their text, listed as CAUGHT, never sent', async () => {
    await propose();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const sender = createConfiguredSender(loadEmailSettings({}, 'development'), logger)!;
    expect(await sender.tick(new Date())).toMatchObject({ caught: 2, sent: 0 });
    expect(lines.join('')).toContain('A release waits on you');
    const caught = (await api.gql(OUTBOX, { filter: { status: ['CAUGHT'] } }, { token: admin })).data.emailOutbox.edges;
    expect(caught).toHaveLength(2);
    expect(sink.arrived).toHaveLength(0);
    // Production without SMTP_URL sends nothing and catches nothing: messages wait for it.
    expect(createConfiguredSender(loadEmailSettings({}, 'production'), logger)).toBeNull();
  });
});
