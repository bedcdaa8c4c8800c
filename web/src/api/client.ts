// Sends an operation to /graphql (same origin: the server that served the app) and sorts
// failures into what a person can act on: offline, signed out, not allowed, or failed.
// Always a JSON POST with same-origin credentials: the server counts the session cookie only
// on such requests whose Origin is its own (server/auth/request-auth.ts, crossSiteProblem).
import { print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { authorizationHeader, markNotEnrolled, markSessionAccepted, markSessionRejected } from '../auth/session';

export type ApiErrorKind = 'offline' | 'unauthenticated' | 'forbidden' | 'failed';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The server's `extensions.reason`, e.g. NOT_ENROLLED. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; reason?: string } }[];
}

export async function gqlRequest<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorizationHeader() },
      body: JSON.stringify({ query: print(document), variables }),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('offline', 'The server cannot be reached. Check your connection and try again: nothing you typed is lost.');
  }
  let body: GraphQLResponse<Result>;
  try {
    body = (await response.json()) as GraphQLResponse<Result>;
  } catch {
    throw new ApiError(response.status >= 500 ? 'offline' : 'failed', `The server answered ${response.status} without a GraphQL response. Try again in a moment.`);
  }
  // A field the caller may not read (another trust's staff member's days, say) is answered
  // null with a FORBIDDEN error at its path while the rest of the answer stands: the screens
  // show such fields as "not shared". Any other error fails the request.
  const errors = (body.errors ?? []).filter((e) => !(body.data && e.path?.length && e.extensions?.code === 'FORBIDDEN'));
  const first = errors[0];
  if (first) {
    const code = first.extensions?.code;
    if (code === 'UNAUTHENTICATED') {
      const reason = first.extensions?.reason ?? null;
      if (reason === 'NOT_ENROLLED') markNotEnrolled(first.message);
      else markSessionRejected(first.message);
      throw new ApiError('unauthenticated', `Your sign-in is no longer valid (${first.message}). Sign in again: what you typed here is kept.`, reason);
    }
    if (code === 'FORBIDDEN') throw new ApiError('forbidden', first.message);
    throw new ApiError('failed', first.message);
  }
  if (!body.data) throw new ApiError('failed', 'The server sent no data.');
  markSessionAccepted();
  return body.data;
}
