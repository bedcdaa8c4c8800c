import './production-env';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../server/app';
import { mintToken } from '../server/auth/tokens';
import { connectDatabase } from '../server/db/connection';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { warmReadCopies } from '../server/db/read-cache';
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const NESTED = `query NestedPage { needs(first: 50) { edges { cursor node { id area severity priority daysRequested academy { id name fsmPercent ofstedRating cluster { id name leadAcademy { id name } trust { id name } } trust { id name } } } } pageInfo { hasNextPage endCursor } } }`;
(async () => {
  await connectDatabase(process.env.MONGODB_URI!, undefined, { singleConnection: true });
  await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
  const app = createApp({ config: { jwtSecret: SECRET, nodeEnv: 'production', security: { rateLimitPerMinute: 0 } } as any, logger: pino({ level: 'silent' }), isReady: () => true });
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const token = await mintToken({ sub: 'bench', role: 'ADMIN' }, SECRET);
  const payload = JSON.stringify({ query: NESTED });
  const one = async () => { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: payload }); return r.text(); };
  const first = await one();
  for (let k = 0; k < 200; k++) await one();
  for (let round = 0; round < 3; round++) {
    const t = performance.now(); let n = 0;
    while (performance.now() - t < 4000) { await Promise.all([one(), one(), one(), one()]); n += 4; }
    console.log(process.env.GRAPHQL_JIT ? 'jit' : 'plain', n, 'requests,', ((performance.now() - t) / n).toFixed(2), 'ms each', first.length);
  }
  process.exit(0);
})();
