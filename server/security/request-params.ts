// yoga JSON-parses the `variables` and `extensions` of a GET query string or a urlencoded
// body without catching a syntax error, so malformed JSON there became a 500 with the parser's
// message (found by tests/api/fuzz.test.ts). Such a request is refused here with a 400.
import type { Request, RequestHandler } from 'express';
import { sendGraphQLError } from './graphql-errors';

const JSON_PARAMS = ['variables', 'extensions'] as const;

/** The parameters exactly as yoga will read them, or null when it reads a JSON body instead. */
function searchParamsOf(req: Request): { get(name: string): string | null } | null {
  if (req.method === 'GET' || req.method === 'HEAD') {
    // yoga rebuilds the URL from express's parsed query, joining repeated keys with commas.
    const query = req.query as Record<string, unknown>;
    return { get: (name) => (query[name] === undefined ? null : String(query[name])) };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'POST' && type === 'application/x-www-form-urlencoded' && Buffer.isBuffer(req.body)) {
    return new URLSearchParams((req.body as Buffer).toString('utf8'));
  }
  return null;
}

export function rejectMalformedParams(): RequestHandler {
  return (req, res, next) => {
    const params = searchParamsOf(req);
    for (const name of JSON_PARAMS) {
      const value = params?.get(name);
      if (!value) continue;
      try {
        JSON.parse(value);
      } catch {
        sendGraphQLError(res, 400, 'BAD_REQUEST', `The "${name}" parameter must be JSON`);
        return;
      }
    }
    next();
  };
}
