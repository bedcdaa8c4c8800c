// Errors answered by the HTTP layer itself (before GraphQL runs) in the GraphQL-over-HTTP
// shape, so a client reads `errors[0].extensions.code` whichever layer refused.
import type { Response } from 'express';

export function sendGraphQLError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.status(status).setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}
