// Step 3: the real server (createApp) in this process on a loopback port, as in production
// but with the rate limit off (it would otherwise refuse the ranking load after 300 a minute).
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../server/app';
import { mintToken } from '../../server/auth/tokens';
import { listen } from './http';

const JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

export interface RealServer {
  url: string;
  /** An admin's bearer token: every request may read everything. */
  auth: Record<string, string>;
}

/** Starts the server and adds it to `servers` (closed by the caller). */
export async function startRealServer(servers: Server[]): Promise<RealServer> {
  // No execution timeout: the without-copies step times requests that take longer than the
  // production limit of 10 s (every read from FerretDB), and must see them finish. Requests
  // that answer in time are not affected by the guard either way.
  const app = createApp({ config: { jwtSecret: JWT_SECRET, nodeEnv: 'production', security: { rateLimitPerMinute: 0, executionTimeoutMs: 0 } }, logger: pino({ level: 'silent' }), isReady: () => true });
  const realServer = createServer(app);
  servers.push(realServer);
  const url = await listen(realServer);
  const token = await mintToken({ sub: 'bench', role: 'ADMIN' }, JWT_SECRET);
  return { url, auth: { authorization: `Bearer ${token}` } };
}
