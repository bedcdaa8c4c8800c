// Signed in at the organisation's identity provider, but not in this service's user directory
// (or removed from it since): who to ask, and a way to sign out to try another account.
import { useState } from 'react';
import { signOut } from '../auth/bootstrap';

export function NotEnrolledPage({ message }: { message: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="page page-narrow">
      <h1>Not enrolled</h1>
      <p>You signed in with your organisation, but you are not enrolled in this service, so it cannot show you anything yet.</p>
      <p>
        <strong>Ask your trust's school improvement lead</strong> (or the service's administrator) to add you to the user directory with your
        work email address, then sign in again.
      </p>
      <p>The server said: {message}</p>
      {problem ? (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      ) : null}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          signOut()
            .then((next) => window.location.assign('external' in next ? next.external : next.path))
            .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
        }}
      >
        Sign out to use another account
      </button>
    </div>
  );
}
