// A real server on a real database for one test file: HTTP requests as a client sends them.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import mongoose from 'mongoose';
import pino from 'pino';
import { type AppOptions, createApp } from '../../server/app';
import { encodeGlobalId } from '../../server/auth/global-id';
import { mintToken, type TokenClaims } from '../../server/auth/tokens';
import { connectDatabase } from '../../server/db/connection';
import { createHttpServer } from '../../server/security/http-server';
import { securityDefaults } from '../../server/security/settings';
import type { Role } from '../../server/domain/enums';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  url: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string | null }): Promise<GraphQLResponse<T>>;
  token(role: Role, scopes?: Partial<Omit<TokenClaims, 'role'>>): Promise<string>;
  close(): Promise<void>;
  /** Database commands sent while `action` ran (the server runs in this process). */
  countCommands(action: () => Promise<unknown>): Promise<string[]>;
}

function databaseNameFor(testPath: string): string {
  return `t_${createHash('sha1').update(testPath).digest('hex').slice(0, 16)}`;
}

export interface TestApiOptions {
  /** Overrides of the app's options; the rate limit is off unless a test sets one. */
  app?: Partial<Omit<AppOptions, 'config'>> & { config?: Partial<AppOptions['config']> };
}

/**
 * Another server on the same database (e.g. with production settings), for one test file.
 * Options may depend on the server's own origin (sign-in needs its public URL): they are then
 * computed once the port is known. Served as server/main.ts serves it: with the slow-client
 * timeouts and the connection cap (from options given directly; defaults otherwise).
 */
export async function startServer(
  options: TestApiOptions['app'] | ((origin: string) => TestApiOptions['app']) = {},
): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  let app: ReturnType<typeof createApp> | null = null;
  const knownSecurity = typeof options === 'function' ? {} : options?.config?.security;
  const server: Server = createHttpServer((req, res) => app!(req, res), { ...securityDefaults('test'), rateLimitPerMinute: 0, ...knownSecurity });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { config = {}, ...rest } = (typeof options === 'function' ? options(origin) : options) ?? {};
  const security = { rateLimitPerMinute: 0, ...config.security };
  app = createApp({
    logger: pino({ level: 'silent' }),
    ...rest,
    config: { jwtSecret: TEST_JWT_SECRET, nodeEnv: 'test', ...config, security },
  });
  return {
    url: `${origin}/graphql`,
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const uri = process.env.TEST_DATABASE_URI;
  if (!uri) throw new Error('TEST_DATABASE_URI is not set: run the tests through jest (global setup starts the database)');
  const dbName = databaseNameFor(expect.getState().testPath ?? 'unknown');
  const connectOptions = { monitorCommands: true, singleConnection: process.env.TEST_DATABASE_KIND === 'ferretdb' };
  // Empty the database before anything creates its collections. (Dropping it just after
  // creating them once raced the embedded FerretDB launcher's index pass,
  // tools/ferretdb/idindex.go, leaving the SQLite file unusable; the launcher now holds
  // FerretDB's own lock against drops, tools/ferretdb/registrylock.go.)
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false, autoCreate: false });
  await mongoose.connection.db!.dropDatabase();
  await mongoose.disconnect();
  await connectDatabase(uri, dbName, connectOptions);
  const commands: string[] = [];
  mongoose.connection.getClient().on('commandStarted', (event) => commands.push(event.commandName));

  const server = await startServer(options.app);
  const url = server.url;

  return {
    url,
    async gql(query, variables = {}, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status };
    },
    // A staff member's token has their StaffMember ID as its subject, as the server requires.
    token: (role, scopes = {}) => mintToken({ sub: scopes.sub ?? scopes.staffId ?? `user-${role.toLowerCase()}`, role, ...scopes }, TEST_JWT_SECRET),
    async countCommands(action) {
      const start = commands.length;
      await action();
      return commands.slice(start);
    },
    async close() {
      await server.close();
      await mongoose.connection.db?.dropDatabase();
      await mongoose.disconnect();
    },
  };
}

export { encodeGlobalId };
