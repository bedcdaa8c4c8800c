// The email outbox for an ADMIN (the only role `emailOutbox` answers): newest first, filtered
// by status, each message's text behind a <details>, and "Send again" on a FAILED one
// (retryEmail, audited; its userErrors shown beside the message). In development without
// SMTP_URL every message ends CAUGHT, so this is where a developer reads what would have gone.
import { useState } from 'react';
import { EmailOutboxQuery, type OutboxEmail, RetryEmailMutation } from '../api/emails';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { Empty, ErrorNotice, QueryView } from '../components/states';
import { label } from '../format';

// The statuses a person filters by; HELD, SENDING and DIGESTED show under "any status".
const STATUSES = ['CAUGHT', 'FAILED', 'PENDING', 'SENT'] as const;
type Status = (typeof STATUSES)[number];

function when(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The moment that says most about where a message stands. */
function moment(email: OutboxEmail): { text: string; at: string } {
  if (email.status === 'FAILED') return { text: 'Failed', at: email.failedAt ?? email.createdAt };
  if (email.status === 'CAUGHT') return { text: 'Caught', at: email.sentAt ?? email.createdAt };
  if (email.status === 'SENT' || email.status === 'DIGESTED') return { text: 'Sent', at: email.sentAt ?? email.createdAt };
  if (email.status === 'PENDING') return { text: 'Due', at: email.nextAttemptAt };
  return { text: 'Written', at: email.createdAt };
}

function SendAgain({ email }: { email: OutboxEmail }) {
  const retry = useGqlMutation(RetryEmailMutation, ['EmailOutbox']);
  const errors = retry.data?.retryEmail.userErrors ?? [];
  return (
    <div className="actions">
      <button
        type="button"
        aria-disabled={retry.isPending}
        onClick={() => {
          if (!retry.isPending) retry.mutate({ input: { id: email.id } });
        }}
      >
        Send again
      </button>
      <div aria-live="polite">
        {retry.isPending ? <p className="state state-loading">Putting it back in the queue…</p> : null}
        {retry.data?.retryEmail.email && !errors.length ? <p className="notice notice-success">Back in the queue: it is sent at the next round.</p> : null}
      </div>
      {errors.length ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">It could not be sent again</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {retry.error ? <ErrorNotice error={retry.error} /> : null}
    </div>
  );
}

function EmailItem({ email }: { email: OutboxEmail }) {
  const at = moment(email);
  const headingId = `email-${email.id}`;
  return (
    <li className="card email-item">
      <h2 id={headingId} className="email-subject">
        {email.subject}
      </h2>
      <dl className="facts">
        <dt>To</dt>
        <dd className="email-to">{email.to}</dd>
        <dt>Status</dt>
        <dd>
          <span className="badge">{label(email.status)}</span>
        </dd>
        <dt>{at.text}</dt>
        <dd>
          <time dateTime={at.at}>{when(at.at)}</time>
        </dd>
        <dt>Kind</dt>
        <dd>{label(email.kind)}</dd>
        {email.attempts > 0 && email.status !== 'CAUGHT' ? (
          <>
            <dt>Attempts</dt>
            <dd>{email.attempts}</dd>
          </>
        ) : null}
      </dl>
      {email.lastError && (email.status === 'FAILED' || email.status === 'PENDING') ? (
        <p className="email-error">
          <strong>{email.status === 'FAILED' ? 'Last error:' : 'Last attempt failed:'}</strong> {email.lastError}
        </p>
      ) : null}
      <details>
        <summary>The message</summary>
        <pre className="email-text">{email.text}</pre>
      </details>
      {email.status === 'FAILED' ? <SendAgain email={email} /> : null}
    </li>
  );
}

function OutboxPage({ status, after, last, onMore }: { status: Status | ''; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const query = useGqlQuery(EmailOutboxQuery, { filter: status ? { status: [status] } : null, after });
  return (
    <QueryView query={query} what="the emails">
      {(data) => {
        const { edges, pageInfo } = data.emailOutbox;
        if (!edges.length && after === null) return <Empty>{status ? `No ${label(status).toLowerCase()} emails.` : 'No emails yet.'}</Empty>;
        return (
          <>
            <ul className="card-list email-list">
              {edges.map((edge) => (
                <EmailItem key={edge.node.id} email={edge.node} />
              ))}
            </ul>
            {last && pageInfo.hasNextPage && pageInfo.endCursor ? (
              <button type="button" className="button-secondary" onClick={() => onMore(pageInfo.endCursor!)}>
                More
              </button>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}

export default function EmailsPage() {
  const [status, setStatus] = useState<Status | ''>('');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <div className="page">
      <h1>Emails</h1>
      <p className="lede">
        Every message the service has written, newest first. Without a mail server (development) messages are caught here instead of sent; a message that kept failing is failed, and
        can be sent again.
      </p>
      <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="emails-status">Status</label>
          <select
            id="emails-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Status | '');
              setPages([null]);
            }}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {pages.map((after, i) => (
        <OutboxPage key={`${status}:${after ?? 'first'}`} status={status} after={after} last={i === pages.length - 1} onMore={(cursor) => setPages((p) => [...p, cursor])} />
      ))}
    </div>
  );
}
