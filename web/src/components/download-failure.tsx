// Why a download did not happen, in the page (role=alert: read out when it appears, focus left
// where the person was), with the server's own words and, when it said, the time to try again
// on the person's own clock. An ended sign-in adds nothing here: the layout's banner (set by
// markSessionRejected) already offers signing in again. Shared by every download (api/download.ts).
import { DownloadError } from '../api/download';

const TITLES: Record<DownloadError['kind'], string> = {
  offline: 'No connection to the server',
  unauthenticated: 'Please sign in again',
  forbidden: 'Not allowed',
  'rate-limited': 'Download limit reached for now',
  busy: 'The PDF printer is busy',
  unavailable: 'PDFs are not available on this server',
  invalid: 'The server refused the request',
  failed: 'The file could not be made',
};

export function DownloadFailure({ error }: { error: DownloadError | Error }) {
  const kind = error instanceof DownloadError ? error.kind : 'failed';
  const retryAt = error instanceof DownloadError && (kind === 'rate-limited' || kind === 'busy') ? error.retryAtLocalTime() : null;
  return (
    <div className={`notice notice-error notice-${kind}`} role="alert">
      <p className="notice-title">{TITLES[kind]}</p>
      <p>{error.message}</p>
      {retryAt ? <p>You can try again from {retryAt} (your time). Everything else on this page still works.</p> : null}
    </div>
  );
}
