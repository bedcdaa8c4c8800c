// Slow and greedy clients (server/security/http-server.ts), with real sockets against the
// real server: a request whose body (or headers) never finishes is answered 408 and closed
// after the configured timeout instead of Node's 300 s, an idle keep-alive connection is
// closed, and one address cannot hold more than its share of connections. The timeouts are
// set short here so each test waits only as long as the timeout itself.
import { connect, type Socket } from 'node:net';
import { startServer, type TestApi, startTestApi } from '../support/test-api';

const SHORT = { headersTimeoutMs: 300, requestTimeoutMs: 400, keepAliveTimeoutMs: 300 };
const CAP = 3;

let api: TestApi;
let server: Awaited<ReturnType<typeof startServer>>;
let port = 0;

beforeAll(async () => {
  api = await startTestApi();
  server = await startServer({ config: { security: { ...SHORT, maxConnectionsPerClient: CAP } } });
  port = Number(new URL(server.origin).port);
});
afterAll(async () => {
  await server.close();
  await api.close();
});

interface Connection {
  socket: Socket;
  /** Everything the server sent, once it has closed the connection. */
  closed: Promise<string>;
}

function open(): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, closed }));
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

const MUTATION = JSON.stringify({ query: 'mutation { createTrust(input: { name: "Slow Body Trust", region: "North West" }) { trust { id } } }' });

describe('slow clients', () => {
  it('answers 408 and closes a connection whose body stops arriving, after the request timeout', async () => {
    const { socket, closed } = await open();
    const token = await api.token('ADMIN');
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${MUTATION.length}\r\n\r\n`,
    );
    socket.write(MUTATION.slice(0, 20)); // the rest never comes
    const response = await closed;
    expect(statusOf(response)).toBe(408);
    // Nothing of the half-sent mutation ran.
    const trusts = await api.gql('{ trusts(first: 100, filter: { nameContains: "Slow Body" }) { edges { node { id } } } }');
    expect(trusts.data.trusts.edges).toEqual([]);
  });

  it('answers 408 and closes a connection whose headers stop arriving, after the headers timeout', async () => {
    const { socket, closed } = await open();
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: appl');
    expect(statusOf(await closed)).toBe(408);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const { socket, closed } = await open();
    socket.write('GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nconnection: keep-alive\r\n\r\n');
    const response = await closed;
    expect(statusOf(response)).toBe(200);
    expect(response).toContain('"alive"');
  });
});

describe('connections per client address', () => {
  it(`refuses a connection beyond ${CAP} from one address with a clear 503, and serves the ones it holds`, async () => {
    const held = [];
    for (let i = 0; i < CAP; i++) held.push(await open());
    const extra = await open();
    const refused = await extra.closed;
    expect(statusOf(refused)).toBe(503);
    const body = JSON.parse(refused.slice(refused.indexOf('\r\n\r\n') + 4)) as { errors: { message: string; extensions: { code: string; max: number } }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'TOO_MANY_CONNECTIONS', max: CAP });
    expect(body.errors[0]!.message).toMatch(/at most 3 at once/);

    // The held connections still work; once one ends, its place is free again.
    const [first, ...rest] = held;
    first!.socket.write('GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nconnection: close\r\n\r\n');
    expect(statusOf(await first!.closed)).toBe(200);
    // The server counts the connection as gone when its own side closes, a moment after the
    // client sees it: retry (a refusal is answered at once) until the place is free.
    let accepted = '';
    for (let attempt = 0; attempt < 200 && !accepted; attempt++) {
      const next = await open();
      next.socket.write('GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nconnection: close\r\n\r\n');
      const response = await next.closed;
      if (statusOf(response) === 200) accepted = response;
      else expect(statusOf(response)).toBe(503);
    }
    expect(accepted).toContain('"alive"');
    for (const connection of rest) connection.socket.destroy();
    await Promise.all(rest.map((c) => c.closed));
  });
});
