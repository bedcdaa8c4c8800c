// Start-up configuration (the production secret, limits from the environment) and the
// `npm run token` command.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { authenticate } from '../../../server/auth/tokens';
import { encodeGlobalId } from '../../../server/auth/global-id';
import { parseTokenArgs, tokenCommand } from '../../../server/auth/token-command';
import { ConfigError, loadConfig } from '../../../server/config';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const STRONG = 'c0ffee-5ecret-for-production-7f3a9b2e41d8';

describe('the production secret', () => {
  it.each([
    ['is missing', {}],
    ['is short', { AUTH_JWT_SECRET: 'short-secret' }],
    ['is a placeholder', { AUTH_JWT_SECRET: 'x'.repeat(64) }],
  ])('refuses to configure production when AUTH_JWT_SECRET %s', (_title, env) => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...env })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('accepts a strong secret, and in development makes one up for the run', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: STRONG })).toMatchObject({ jwtSecret: STRONG, jwtSecretGenerated: false });
    const dev = loadConfig({});
    expect(dev.jwtSecretGenerated).toBe(true);
    expect(dev.jwtSecret).toHaveLength(64);
  });

  it('stops `npm start` in production without a secret, before touching a database', async () => {
    const env = { ...process.env, NODE_ENV: 'production', AUTH_JWT_SECRET: '', MONGODB_URI: '' };
    const failure = await run(TSX, [path.join(ROOT, 'server/main.ts')], { env, cwd: ROOT, timeout: 30_000 }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/Configuration error: AUTH_JWT_SECRET must be set in production/);
  });
});

describe('limits from the environment', () => {
  it('reads each limit, with production defaults that allow no browser origin', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: STRONG,
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_COST: '5000',
      REQUEST_BODY_LIMIT: '200kb',
      RATE_LIMIT_PER_MINUTE: '0',
      TRUST_PROXY: '1',
    });
    expect(config.security).toMatchObject({ maxDepth: 8, maxCost: 5000, bodyLimitBytes: 200 * 1024, rateLimitPerMinute: 0, trustProxy: 1, corsOrigins: [] });
    expect(loadConfig({}).security.corsOrigins).toBe('*');
    const slow = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000', MAX_CONNECTIONS_PER_CLIENT: '0', GRAPHQL_DOCUMENT_CACHE_MB: '8' });
    expect(slow.security).toMatchObject({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 1000, maxConnectionsPerClient: 0, documentCacheBytes: 8 * 1024 * 1024 });
    expect(loadConfig({}).security).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnectionsPerClient: 64, documentCacheBytes: 32 * 1024 * 1024 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS \(40000\) must not be greater than HTTP_REQUEST_TIMEOUT_MS \(30000\)/);
    expect([loadConfig({}).compileQueries, loadConfig({ GRAPHQL_JIT: 'off' }).compileQueries, loadConfig({ GRAPHQL_JIT: 'on' }).compileQueries]).toEqual([true, false, true]);
    expect([loadConfig({}).security.exportsPerHour, loadConfig({ SUBJECT_ACCESS_EXPORTS_PER_HOUR: '3' }).security.exportsPerHour]).toEqual([10, 3]);
    expect(loadConfig({}).security).toMatchObject({ csvExportsPerHour: 120, boardReportsPerHour: 60, boardReportPdfsPerHour: 20, pdfQueueLimit: 4 });
    const downloads = loadConfig({ CSV_EXPORTS_PER_HOUR: '5', BOARD_REPORTS_PER_HOUR: '0', BOARD_REPORT_PDFS_PER_HOUR: '2', PDF_QUEUE_LIMIT: '0' });
    expect(downloads.security).toMatchObject({ csvExportsPerHour: 5, boardReportsPerHour: 0, boardReportPdfsPerHour: 2, pdfQueueLimit: 0 });
    expect(() => loadConfig({ BOARD_REPORT_PDFS_PER_HOUR: 'many' })).toThrow(/BOARD_REPORT_PDFS_PER_HOUR/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.org, http://localhost:5173' }).security.corsOrigins).toEqual(['https://a.example.org', 'http://localhost:5173']);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', 'deep'],
    ['GRAPHQL_MAX_ALIASES', '-1'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['SUBJECT_ACCESS_EXPORTS_PER_HOUR', 'many'],
    ['REQUEST_BODY_LIMIT', '1gb'],
    ['CORS_ORIGINS', 'https://app.example.org/path'],
    ['TRUST_PROXY', 'true'],
    ['GRAPHQL_JIT', 'maybe'],
    ['GRAPHQL_DOCUMENT_CACHE_MB', '0'],
    ['HTTP_REQUEST_TIMEOUT_MS', '30s'],
    ['MAX_CONNECTIONS_PER_CLIENT', '-2'],
  ])('names %s when its value (%s) is wrong', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('npm run token', () => {
  const trustId = encodeGlobalId('Trust', '0123456789abcdef01234567');

  it('mints a token the server accepts, with the role and scopes given', async () => {
    const token = await tokenCommand(['--role', 'improvement_lead', '--trust', trustId, '--sub', 'alice', '--expires', '2h'], { AUTH_JWT_SECRET: STRONG });
    const outcome = await authenticate(`Bearer ${token}`, STRONG);
    expect(outcome).toEqual({
      kind: 'authenticated',
      viewer: { sub: 'alice', role: 'IMPROVEMENT_LEAD', trustId: '0123456789abcdef01234567', clusterId: null, academyId: null, staffId: null },
    });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(2 * 3600);
  });

  it('explains what is wrong: no secret, a bad role, an ID of the wrong type, a bad duration', async () => {
    await expect(tokenCommand(['--role', 'ADMIN'], {})).rejects.toThrow(/AUTH_JWT_SECRET is not set/);
    expect(() => parseTokenArgs([])).toThrow(/--role must be one of TEACHER, HEADTEACHER/);
    expect(() => parseTokenArgs(['--role', 'KING'])).toThrow(/got "KING"/);
    expect(() => parseTokenArgs(['--role', 'HEADTEACHER', '--academy', trustId])).toThrow(/--academy must be the global ID of a Academy/);
    expect(() => parseTokenArgs(['--role', 'ADMIN', '--expires', 'soon'])).toThrow(/--expires/);
    expect(() => parseTokenArgs(['--role', 'ADMIN', '--colour', 'red'])).toThrow(/Unknown option/);
    expect(parseTokenArgs(['--role', 'ADMIN', '--expires', '3600']).expires).toBe('3600s');
  });

  it('gives a staff member token their StaffMember ID as subject, and refuses another --sub', async () => {
    const staffId = encodeGlobalId('StaffMember', '0123456789abcdef01234567');
    const token = await tokenCommand(['--role', 'TEACHER', '--staff', staffId], { AUTH_JWT_SECRET: STRONG });
    const outcome = await authenticate(`Bearer ${token}`, STRONG);
    expect(outcome).toMatchObject({ kind: 'authenticated', viewer: { sub: staffId, staffId: '0123456789abcdef01234567' } });
    expect(parseTokenArgs(['--role', 'TEACHER', '--staff', staffId, '--sub', staffId]).claims.sub).toBe(staffId);
    expect(() => parseTokenArgs(['--role', 'TEACHER', '--staff', staffId, '--sub', 'alice'])).toThrow(/--sub must be left out or equal --staff/);
  });

  it('prints only the token on stdout, so scripts can capture it', async () => {
    const { stdout } = await run(TSX, [path.join(ROOT, 'server/auth/token-command.ts'), '--role', 'ADMIN'], {
      env: { ...process.env, AUTH_JWT_SECRET: STRONG },
      cwd: ROOT,
      timeout: 30_000,
    });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect((await authenticate(`Bearer ${stdout.trim()}`, STRONG)).kind).toBe('authenticated');
  });
});
