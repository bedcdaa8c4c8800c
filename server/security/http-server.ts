// The HTTP server in front of the app, with limits on slow and greedy clients. Node's defaults
// hold a connection that trickles its body for 300 s (requestTimeout) and put no cap on
// connections per client, so a few hundred slow sockets tie the service up at no cost to the
// sender. Every place that serves the app (server/main.ts, the tests, the benches) builds its
// server here, so the limits the tests exercise are the ones production runs with.
// Values and reasons: docs/security.md, "Slow clients".
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { SecuritySettings } from './settings';

export type HttpServerSettings = Pick<SecuritySettings, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnectionsPerClient' | 'trustProxy'>;

export function createHttpServer(handler: RequestListener, settings: HttpServerSettings): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default), so a 10 s
      // timeout could run to 40 s. A quarter of the shorter one, between 50 ms and 1 s.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
    },
    handler,
  );
  // Behind a proxy every connection comes from the proxy's address: the proxy caps clients.
  if (settings.maxConnectionsPerClient > 0 && settings.trustProxy === false) {
    capConnectionsPerAddress(server, settings.maxConnectionsPerClient);
  }
  return server;
}

/** A connection beyond `max` open from one address is answered 503 at once and closed. */
function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  const body = JSON.stringify({
    errors: [{ message: `Too many connections from your address: at most ${max} at once. Close some or retry later.`, extensions: { code: 'TOO_MANY_CONNECTIONS', max } }],
  });
  const refusal =
    'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\nretry-after: 1\r\n' +
    `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      // Nothing from this socket is parsed: the answer is written and the socket closed.
      socket.pause();
      socket.end(refusal, () => socket.destroy());
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
