// Graceful draining of an HTTP server: once shutdown begins, every response tells its client
// `Connection: close`, so a keep-alive connection ends after the response it is carrying
// instead of idling until keepAliveTimeout (or being cut by the hard deadline while a new
// request arrives on it). Requests already in flight finish normally.
import type { Server, ServerResponse } from 'node:http';

export interface Drain {
  /** Marks every unanswered response, and every later one, `Connection: close`. */
  begin(): void;
  /** Responses not yet finished. */
  inFlight(): number;
}

export function drainOnShutdown(server: Server): Drain {
  let draining = false;
  const open = new Set<ServerResponse>();
  const markClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
    if (draining) markClose(res);
  });
  return {
    begin() {
      draining = true;
      for (const res of open) markClose(res);
      server.closeIdleConnections();
    },
    inFlight: () => open.size,
  };
}
