// The sign-in cookies' attributes and contents, and where a finished sign-in may send the
// browser (only a path on this service: no open redirect).
import { safeReturnPath } from '../../../server/auth/oidc/routes';
import { SessionCookies } from '../../../server/auth/oidc/session';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';

describe('session cookies', () => {
  it('are Secure with the __Host- prefix when the service is served over https', () => {
    const cookies = new SessionCookies(SECRET, 'https://support.example.org', 3600);
    expect(cookies.sessionName).toBe('__Host-support-session');
    expect(cookies.flowName).toBe('__Host-support-sign-in');
    expect(cookies.options(3600)).toEqual({ httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 3_600_000 });
  });

  it('are HttpOnly and SameSite=Lax, without Secure, on a plain-http development address', () => {
    const cookies = new SessionCookies(SECRET, 'http://localhost:4000', 3600);
    expect(cookies.sessionName).toBe('support-session');
    expect(cookies.options(60)).toEqual({ httpOnly: true, secure: false, sameSite: 'lax', path: '/', maxAge: 60_000 });
  });

  it('carry a session that a cookie signed with another secret, or altered, does not pass for', async () => {
    const cookies = new SessionCookies(SECRET, 'https://support.example.org', 3600);
    const value = await cookies.issueSession({ directoryUserId: '0123456789abcdef01234567', subject: 'abc' });
    expect(await cookies.readSession(value)).toMatchObject({ directoryUserId: '0123456789abcdef01234567', subject: 'abc' });
    const other = new SessionCookies('another-secret-entirely-0123456789abcdef', 'https://support.example.org', 3600);
    expect(await other.readSession(value)).toEqual({ problem: expect.stringMatching(/not valid/) });
    const [header, payload, signature] = value.split('.');
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), did: 'ffffffffffffffffffffffff' })).toString('base64url');
    expect(await cookies.readSession(`${header}.${altered}.${signature}`)).toEqual({ problem: expect.stringMatching(/not valid/) });
  });

  it('keep the sign-in flow encrypted: its PKCE verifier cannot be read from the cookie', async () => {
    const cookies = new SessionCookies(SECRET, 'https://support.example.org', 3600);
    const flow = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-that-must-stay-secret', returnTo: '/needs' };
    const sealed = await cookies.sealFlow(flow);
    expect(sealed).not.toContain('verifier');
    expect(Buffer.from(sealed.split('.').join(''), 'base64url').toString('latin1')).not.toContain('verifier-that-must-stay-secret');
    expect(await cookies.openFlow(sealed)).toEqual(flow);
    expect(await new SessionCookies('another-secret-entirely-0123456789abcdef', 'https://x.example', 3600).openFlow(sealed)).toBeNull();
  });
});

describe('returnTo', () => {
  it.each([
    ['/needs', '/needs'],
    ['/needs?hub=abc#top', '/needs?hub=abc#top'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['needs', '/'],
    ['/a b', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%p becomes %p', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
