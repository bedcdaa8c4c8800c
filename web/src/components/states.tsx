// Loading, empty and error states, the same on every screen.
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { SignInAgainLink } from './sign-in-again';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function ErrorNotice({ error, retry }: { error: ApiError | Error; retry?: () => void }) {
  const kind = 'kind' in error ? error.kind : 'failed';
  const title =
    kind === 'offline'
      ? 'No connection to the server'
      : kind === 'unauthenticated'
        ? 'Please sign in again'
        : kind === 'forbidden'
          ? 'Not allowed'
          : 'Something went wrong';
  return (
    <div className={`notice notice-error notice-${kind}`} role="alert">
      <p className="notice-title">{title}</p>
      <p>{error.message}</p>
      {kind === 'unauthenticated' ? (
        <p>
          <SignInAgainLink>Sign in again</SignInAgainLink>
        </p>
      ) : null}
      {retry && kind !== 'forbidden' ? (
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: ApiError | null;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders the loading or error state of a query, else its data. */
export function QueryView<T>({ query, what, children }: { query: QueryLike<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorNotice error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading what={what} />;
  return <>{children(query.data)}</>;
}
