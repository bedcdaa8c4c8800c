import { ConfigError, loadConfig } from '../../../server/config';
import { retryDelayMs } from '../../../server/notifications/backoff';
import { eventKey, eventsOf } from '../../../server/notifications/events';
import { schoolDaysBetween } from '../../../server/notifications/school-days';

describe('email settings', () => {
  it('reads SMTP_URL and friends, catching in development and holding in production without it', () => {
    const dev = loadConfig({}).email;
    expect(dev).toMatchObject({ smtpUrl: null, withoutSmtp: 'catch', maxAttempts: 10, retryBaseSeconds: 30, retryMaxSeconds: 3600 });
    const prod = loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8', SMTP_URL: 'smtps://u:p@mail.example.org:465', EMAIL_MAX_ATTEMPTS: '5' }).email;
    expect(prod).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.org:465', withoutSmtp: 'hold', maxAttempts: 5 });
  });

  it('keeps SENT messages 90 days unless EMAIL_KEEP_SENT_DAYS says otherwise (at least 2: longer than the repair window)', () => {
    expect(loadConfig({}).email.keepSentDays).toBe(90);
    expect(loadConfig({ EMAIL_KEEP_SENT_DAYS: '30' }).email.keepSentDays).toBe(30);
    expect(() => loadConfig({ EMAIL_KEEP_SENT_DAYS: '1' })).toThrow(/EMAIL_KEEP_SENT_DAYS must be an integer between 2 and 3650/);
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587 (got an unusable value)'));
    expect(() => loadConfig({ EMAIL_MAX_ATTEMPTS: '0' })).toThrow(/EMAIL_MAX_ATTEMPTS must be an integer between 1 and 100/);
    expect(() => loadConfig({ EMAIL_FROM: 'not an address' })).toThrow(/EMAIL_FROM/);
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((n) => retryDelayMs(n, 30, 600) / 1000)).toEqual([30, 60, 120, 240, 480, 600, 600, 600]);
  });
});

describe('events of a deployment', () => {
  const by = { sub: 'lead', role: 'IMPROVEMENT_LEAD' };
  const proposedAt = new Date('2030-01-07T09:00:00Z');
  it('asks for a release and an acceptance only while they still wait', () => {
    const history = [{ status: 'PROPOSED' as const, at: proposedAt, by }];
    expect(eventsOf({ status: 'PROPOSED', release: null, acceptance: null, statusHistory: history }).map((e) => e.kind)).toEqual(['RELEASE_WANTED', 'ACCEPTANCE_WANTED']);
    expect(eventsOf({ status: 'PROPOSED', release: { at: proposedAt }, acceptance: null, statusHistory: history }).map((e) => e.kind)).toEqual(['ACCEPTANCE_WANTED']);
    const agreed = [...history, { status: 'AGREED' as const, at: new Date('2030-01-08T09:00:00Z'), by }];
    expect(eventsOf({ status: 'AGREED', release: { at: proposedAt }, acceptance: { at: proposedAt }, statusHistory: agreed }).map((e) => e.kind)).toEqual(['AGREED']);
  });
  it('keys a message by event, record and address, ignoring the case of the address', () => {
    expect(eventKey('RELEASE_WANTED', 'abc', 'Head@School.org')).toBe(eventKey('RELEASE_WANTED', 'abc', 'head@school.org'));
    expect(eventKey('RELEASE_WANTED', 'abc', 'h@s.org')).not.toBe(eventKey('ACCEPTANCE_WANTED', 'abc', 'h@s.org'));
  });
});

describe('school days', () => {
  it('counts the weekdays begun since, less closures, in England', () => {
    const monday = new Date('2030-01-07T09:00:00Z');
    expect(schoolDaysBetween(monday, new Date('2030-01-07T17:00:00Z'))).toBe(0);
    expect(schoolDaysBetween(monday, new Date('2030-01-08T08:00:00Z'))).toBe(1);
    expect(schoolDaysBetween(monday, new Date('2030-01-14T08:00:00Z'))).toBe(5);
    expect(schoolDaysBetween(monday, new Date('2030-01-14T08:00:00Z'), new Set(['2030-01-09', '2030-01-12']))).toBe(4);
    // 23:30 UTC on a summer Friday is already Saturday in England.
    expect(schoolDaysBetween(new Date('2030-06-06T09:00:00Z'), new Date('2030-06-07T23:30:00Z'))).toBe(1);
  });
});
