// `npm run token -- --role ADMIN [--trust <id>] [--cluster <id>] [--academy <id>]
// [--staff <id>] [--sub <subject>] [--expires 12h]`: mints a bearer token signed with
// AUTH_JWT_SECRET and prints it alone on stdout (so `$(npm run -s token -- …)` works).
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../domain/enums';
import { decodeIdOfType } from './global-id';
import { mintToken, type TokenClaims } from './tokens';

export class UsageError extends Error {}

const USAGE = `Usage: npm run token -- --role <${ROLES.join('|')}> [--trust <Trust ID>] [--cluster <Cluster ID>]
       [--academy <Academy ID>] [--staff <StaffMember ID>] [--sub <subject>] [--expires <12h|7d|3600>]
Scope options take global IDs, as the API returns them. Needs AUTH_JWT_SECRET: the server's secret.`;

const SCOPES = [
  ['trust', 'trustId', 'Trust'],
  ['cluster', 'clusterId', 'Cluster'],
  ['academy', 'academyId', 'Academy'],
  ['staff', 'staffId', 'StaffMember'],
] as const;

export interface TokenRequest {
  claims: TokenClaims;
  expires: string | number;
}

export function parseTokenArgs(argv: string[]): TokenRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        trust: { type: 'string' },
        cluster: { type: 'string' },
        academy: { type: 'string' },
        staff: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const role = values.role?.toUpperCase();
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}\n${USAGE}`);
  }
  const claims: TokenClaims = { sub: values.sub?.trim() || `dev-${role.toLowerCase().replace(/_/g, '-')}`, role: role as Role };
  for (const [option, claim, typename] of SCOPES) {
    const value = values[option];
    if (value === undefined) continue;
    // The server rejects a token whose scope claim is not an ID of the right type, so check now.
    if (!decodeIdOfType(value, typename)) throw new UsageError(`--${option} must be the global ID of a ${typename} (got "${value}")`);
    claims[claim] = value;
  }
  // A staff member's token has their StaffMember ID as its subject (see staffSubjectProblem).
  if (claims.staffId) {
    if (values.sub !== undefined && values.sub.trim() !== claims.staffId) {
      throw new UsageError(`--sub must be left out or equal --staff: a staff member's token has their StaffMember ID as its subject (got "${values.sub}")`);
    }
    claims.sub = claims.staffId;
  }
  const expires = values.expires.trim();
  if (!/^\d+$|^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i.test(expires)) {
    throw new UsageError(`--expires must be a duration such as 30m, 12h or 7d, or seconds (got "${values.expires}")`);
  }
  // A bare number is a lifetime in seconds; jose reads a number as an absolute timestamp.
  return { claims, expires: /^\d+$/.test(expires) ? `${expires}s` : expires };
}

export async function tokenCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const request = parseTokenArgs(argv);
  const secret = env.AUTH_JWT_SECRET;
  if (!secret) {
    throw new UsageError(
      'AUTH_JWT_SECRET is not set: tokens must be signed with the same secret as the server.\n' +
        'Set it for both, e.g. `export AUTH_JWT_SECRET=$(openssl rand -hex 32)`, then start the server and run this again.',
    );
  }
  return mintToken(request.claims, secret, request.expires);
}

if (require.main === module) {
  tokenCommand(process.argv.slice(2), process.env).then(
    (token) => {
      process.stdout.write(`${token}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
