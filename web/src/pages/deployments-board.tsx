// Deployments by status, oldest in its status first, flagging those that have waited longest.
import { useState } from 'react';
import { DeploymentFields } from '../api/deployments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { DeploymentCard, type Move } from '../components/deployments';
import { Empty, QueryView } from '../components/states';
import { label } from '../format';

const BoardQuery = graphql(
  `
  query DeploymentsBoard($filter: DeploymentFilter) {
    deployments(first: 40, orderBy: WAITING_LONGEST, filter: $filter) {
      edges {
        node {
          ...DeploymentFields
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`,
  [DeploymentFields],
);

const COLUMNS = ['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED'] as const;
const CLOSED = ['DECLINED', 'CANCELLED'] as const;
/** Waiting this long in one status gets the flag: a week is long for a step that takes a signature. */
const FLAG_AFTER_DAYS = 7;
const MOVES: Record<string, Move[]> = { PROPOSED: ['cancel'], AGREED: ['start', 'cancel'], ACTIVE: ['complete', 'cancel'] };

export default function DeploymentsBoard() {
  const session = useSession();
  const [showClosed, setShowClosed] = useState(false);
  const scope = session?.role === 'EXECUTIVE_HEAD' && session.clusterId ? { clusterId: session.clusterId } : session?.trustId ? { trustId: session.trustId } : {};
  return (
    <div className="page">
      <h1>Deployments</h1>
      <p className="lede">
        Each column is oldest first. A red edge marks the deployment that has waited longest in its column, and any waiting over {FLAG_AFTER_DAYS} days.
      </p>
      <div className="board">
        {COLUMNS.map((status) => (
          <Column key={status} statuses={[status]} scope={scope} title={label(status)} flags={status !== 'COMPLETED'} />
        ))}
      </div>
      <p>
        <button type="button" className="button-secondary" aria-expanded={showClosed} onClick={() => setShowClosed((v) => !v)}>
          {showClosed ? 'Hide' : 'Show'} declined and cancelled
        </button>
      </p>
      {showClosed ? <Column statuses={[...CLOSED]} scope={scope} title="Declined and cancelled" flags={false} /> : null}
    </div>
  );
}

type Status = (typeof COLUMNS)[number] | (typeof CLOSED)[number];

/** One status column: its own query (oldest first), so each column pages and fails on its own. */
function Column({ statuses, scope, title, flags }: { statuses: Status[]; scope: { clusterId?: string; trustId?: string }; title: string; flags: boolean }) {
  const column = useGqlQuery(BoardQuery, { filter: { ...scope, status: statuses } });
  const headingId = `col-${statuses.join('-')}`;
  return (
    <section className="board-column" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title}
        {column.data ? (
          <span className="count">
            {' '}
            ({column.data.deployments.edges.length}
            {column.data.deployments.pageInfo.hasNextPage ? '+' : ''})
          </span>
        ) : null}
      </h2>
      <QueryView query={column} what={title.toLowerCase()}>
        {(data) => {
          const items = data.deployments.edges.map((e) => e.node);
          const now = Date.now();
          return (
            <>
              {items.length === 0 ? <Empty>None.</Empty> : null}
              <ul className="card-list">
                {items.map((d, i) => {
                  const waitedDays = (now - new Date(d.statusSince).getTime()) / 86_400_000;
                  const flag = !flags ? null : i === 0 ? 'Waiting longest' : waitedDays > FLAG_AFTER_DAYS ? `Waiting over ${FLAG_AFTER_DAYS} days` : null;
                  return (
                    <li key={d.id}>
                      <DeploymentCard deployment={d} flag={flag} moves={MOVES[d.status] ?? []} />
                    </li>
                  );
                })}
              </ul>
              {data.deployments.pageInfo.hasNextPage ? <p className="meta">The {items.length} waiting longest are shown.</p> : null}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
