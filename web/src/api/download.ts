// Every file the app downloads (board report HTML and PDF, the Records CSV) goes through here:
// a JSON POST with the app's own credentials (the development bearer token, or the session
// cookie, which the server counts only on a same-origin JSON POST: server/auth/request-auth.ts),
// the answer saved as a file. A refusal becomes a DownloadError carrying the server's own words
// (they say what happened and when to try again), sorted into what the person can do about it.
import { authorizationHeader, markSessionAccepted, markSessionRejected } from '../auth/session';

export type DownloadFailureKind =
  /** The request never reached the server. */
  | 'offline'
  /** 401: the sign-in ended; the layout's banner offers signing in again. */
  | 'unauthenticated'
  | 'forbidden'
  /** 429 RATE_LIMITED: the hourly limit (docs/security.md#limits). */
  | 'rate-limited'
  /** 503 PDF_BUSY: the print queue is full. */
  | 'busy'
  /** 503 PDF_UNAVAILABLE: this server has no Chromium to print with. */
  | 'unavailable'
  /** 400 or 404: a parameter the server refused. */
  | 'invalid'
  | 'failed';

export class DownloadError extends Error {
  constructor(
    readonly kind: DownloadFailureKind,
    message: string,
    /** The server's `extensions.code`, when it sent one. */
    readonly code: string | null,
    /** From `Retry-After` (or `extensions.retryAfterSeconds`), when the server said. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'DownloadError';
  }

  /** When the person may try again, on their own clock ("14:05"); null when the server did not say. */
  retryAtLocalTime(now = Date.now()): string | null {
    if (this.retryAfterSeconds === null) return null;
    return new Date(now + this.retryAfterSeconds * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
}

export interface DownloadRequest {
  /** Same-origin path, e.g. /exports/deployments.csv. */
  path: string;
  /** Sent in the query string (the board report reads its parameters there). */
  query?: Record<string, string>;
  /** Sent as the JSON body (the CSV exports read a POST's parameters from its body). */
  body?: Record<string, string>;
  /** The file name when the server's Content-Disposition names none. */
  fallbackName: string;
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
}

/** Fetches the file and hands it to the browser as a download; resolves with the file's name. */
export async function downloadFile(request: DownloadRequest): Promise<string> {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  let response: Response;
  try {
    response = await fetch(`${request.path}${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...authorizationHeader() },
      body: JSON.stringify(request.body ?? {}),
    });
  } catch {
    throw new DownloadError('offline', 'The server cannot be reached. Check your connection and try again.', null, null);
  }
  if (!response.ok) throw await refusal(response);
  markSessionAccepted();
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The server cuts the connection when a file fails after it began (docs/exports.md,
    // "Streaming"): never save a short file as if it were whole.
    throw new DownloadError('failed', 'The file stopped arriving part of the way through, so it was not saved. Try again.', null, null);
  }
  const file = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? request.fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file;
}

/** Reads a non-2xx answer (the GraphQL-over-HTTP error shape, server/security/graphql-errors.ts). */
export async function refusal(response: Response): Promise<DownloadError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's page, say): only the status is known.
  }
  const first = body?.errors?.[0];
  const code = first?.extensions?.code ?? null;
  const serverMessage = first?.message ?? null;
  const retryAfterSeconds = retryAfterOf(response.headers.get('retry-after'), first?.extensions?.retryAfterSeconds);
  const status = response.status;
  if (status === 401 || code === 'UNAUTHENTICATED') {
    const reason = serverMessage ?? 'the server no longer accepts it';
    markSessionRejected(reason);
    return new DownloadError('unauthenticated', `Your sign-in has ended (${reason}). Sign in again, then download again.`, code, null);
  }
  if (status === 403 || code === 'FORBIDDEN') return new DownloadError('forbidden', serverMessage ?? 'You may not download this file.', code, null);
  if (status === 429 || code === 'RATE_LIMITED') {
    return new DownloadError('rate-limited', serverMessage ?? 'Too many downloads for now. Try again later.', code, retryAfterSeconds);
  }
  if (code === 'PDF_BUSY') return new DownloadError('busy', serverMessage ?? 'The PDF printer is busy. Try again in a minute.', code, retryAfterSeconds);
  if (code === 'PDF_UNAVAILABLE') {
    // The server's words are for whoever runs it (they name the setting); say what the person can do first.
    return new DownloadError('unavailable', `This server cannot make PDFs. Download the HTML report and use your browser's Print to save it as a PDF.${serverMessage ? ` (${serverMessage}.)` : ''}`, code, null);
  }
  if (status === 400 || status === 404) return new DownloadError('invalid', serverMessage ?? `The server refused the request (${status}).`, code, null);
  if (status >= 500) {
    return new DownloadError('failed', serverMessage ?? `The server could not make the file just now (it answered ${status}). Try again in a moment.`, code, retryAfterSeconds);
  }
  return new DownloadError('failed', serverMessage ?? `The server answered ${status}.`, code, retryAfterSeconds);
}

/** Retry-After in seconds (the header, else the body's retryAfterSeconds); an HTTP date is not sent by this server. */
function retryAfterOf(header: string | null, fromBody: number | undefined): number | null {
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : fromBody;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
