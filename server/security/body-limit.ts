// Reads the request body into a Buffer, refusing more than the limit (413) before GraphQL
// parses anything. The limit counts decompressed bytes, so a gzip bomb cannot slip past it.
// yoga accepts the Buffer as the body; operation.ts reads it for the rate limiter.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../logger';
import { sendGraphQLError } from './graphql-errors';
import { requestIdOf } from './request-context';

export function readBody(limitBytes: number): RequestHandler {
  return express.raw({ type: () => true, limit: limitBytes, inflate: true });
}

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

const CODES: Record<number, string> = { 400: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** Body-reading errors become GraphQL-shaped 4xx answers; anything else a bare 500. */
export function httpErrorHandler(limitBytes: number, logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const http = (typeof error === 'object' && error !== null ? error : {}) as HttpError;
    const status = http.status ?? http.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        status === 413
          ? `Request body too large: at most ${limitBytes} bytes`
          : status === 415
            ? 'Unsupported content encoding or charset'
            : 'The request body could not be read';
      sendGraphQLError(res, status, CODES[status] ?? 'BAD_REQUEST', message);
      return;
    }
    // Details go to the log under the request id, never to the client.
    logger.error({ err: error, requestId: requestIdOf(res) }, 'unhandled error');
    sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
