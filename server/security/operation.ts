// What a request to /graphql asks for, read before yoga runs: the operation name for the
// access log, and whether it counts against the rate limit. Costly operations count, and so
// does any document the server does not hold parsed already: parsing, validating and (on
// repeat) compiling a new document is work and memory a client could otherwise demand without
// limit, while re-sending a known document costs little. A request this code cannot read with
// certainty counts, so an unusual encoding is never a way around the limit.
//
// A held document is not parsed again here: what this needs from it (its operations, whether
// it names a costly field) is read once from the parsed document the cache holds and kept
// with it (weakly: it goes when the document does). Only a document the cache does not hold
// is parsed, with the same token limit yoga's parse applies, so everything held has passed it.
import type { Request } from 'express';
import { type DocumentNode, Kind, parse, visit } from 'graphql';

/** Root fields costly enough to share the mutations' rate limit. */
export const RATE_LIMITED_FIELDS: ReadonlySet<string> = new Set(['rankCandidates', 'rankNeedsForStaff', 'rankNeedsForAcademy', 'planAllocation']);

export interface OperationInfo {
  operationName: string | null;
  operationType: 'query' | 'mutation' | 'subscription' | null;
  /** Counts against the rate limit: a mutation, a ranking, a document not yet held, or a request not read with certainty. */
  rateLimited: boolean;
}

const UNREADABLE: OperationInfo = { operationName: null, operationType: null, rateLimited: true };
/** GET without a query: the GraphiQL page (development) or a refusal; nothing executes. */
const NO_OPERATION: OperationInfo = { operationName: null, operationType: null, rateLimited: false };

interface RawParams {
  query: unknown;
  operationName: unknown;
}

/** The documents held parsed (server/security/document-cache.ts). */
export interface HeldDocuments {
  /** Held, parsed or as a parse error: asking for it again costs no parsing or compiling. */
  has(source: string): boolean;
  /** The parsed document held for this source, if any. */
  parsed(source: string): DocumentNode | undefined;
}

/** What the rate limit and the access log need from a document. */
interface DocumentShape {
  operations: readonly { name: string | null; type: OperationInfo['operationType'] }[];
  /** A mutation or a rate-limited field anywhere in the document (conservative). */
  costly: boolean;
}

const shapes = new WeakMap<DocumentNode, DocumentShape>();

function shapeOf(document: DocumentNode): DocumentShape {
  let shape = shapes.get(document);
  if (shape) return shape;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  let costly = operations.some((o) => o.operation !== 'query');
  if (!costly) {
    visit(document, {
      Field(node) {
        if (RATE_LIMITED_FIELDS.has(node.name.value)) costly = true;
      },
    });
  }
  shape = { operations: operations.map((o) => ({ name: o.name?.value ?? null, type: o.operation })), costly };
  shapes.set(document, shape);
  return shape;
}

export function describeOperation(req: Request, maxTokens: number, documents: HeldDocuments): OperationInfo {
  const params = rawParams(req);
  if (params && params.query === undefined && (req.method === 'GET' || req.method === 'HEAD')) return NO_OPERATION;
  if (!params || typeof params.query !== 'string') return UNREADABLE;
  let shape: DocumentShape;
  const held = documents.parsed(params.query);
  if (held) {
    shape = shapeOf(held);
  } else {
    try {
      // Not kept: a document not held is parsed here once per request, as yoga will parse it.
      shape = shapeOf(parse(params.query, { noLocation: true, maxTokens }));
    } catch {
      return UNREADABLE;
    }
  }
  const wanted = typeof params.operationName === 'string' ? params.operationName : null;
  const { operations } = shape;
  const chosen = wanted ? operations.find((o) => o.name === wanted) : operations.length === 1 ? operations[0] : undefined;
  return {
    operationName: chosen?.name ?? wanted,
    operationType: chosen?.type ?? null,
    rateLimited: shape.costly || !(held || documents.has(params.query)),
  };
}

function rawParams(req: Request): RawParams | null {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const query = req.query as Record<string, unknown>;
    return { query: query.query, operationName: query.operationName };
  }
  if (req.method !== 'POST' || !Buffer.isBuffer(req.body)) return null;
  const text = (req.body as Buffer).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      const body = JSON.parse(text) as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
      return body as RawParams;
    } catch {
      return null;
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    return { query: form.get('query'), operationName: form.get('operationName') };
  }
  if (type === 'application/graphql') return { query: text, operationName: null };
  return null;
}
