// A headteacher's school: what waits on them (releases of their staff, support to accept),
// the school's needs, its whole-school support days, and the support coming in and going out.
import { Link } from 'react-router';
import { DeploymentFields } from '../api/deployments';
import { NeedSummaryFields } from '../api/fragments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { DeploymentCard, type Deployment, type Move, WaitingList } from '../components/deployments';
import { InspectionFields, InspectionPanel } from '../components/inspection';
import { NeedCard } from '../components/need-card';
import { SchoolSupportDays } from '../components/school-support-days';
import { Empty, QueryView } from '../components/states';
import { label, percent } from '../format';

const SchoolQuery = graphql(
  `
  query SchoolPage($id: ID!) {
    node(id: $id) {
      ... on Academy {
        id
        name
        phase
        fsmPercent
        ...InspectionFields
        pupils
        cluster {
          id
          name
        }
        trust {
          id
          name
        }
      }
    }
    needs(first: 20, filter: { academyId: $id, statuses: [OPEN, MATCHED, IN_PROGRESS, MET] }, orderBy: PRIORITY) {
      edges {
        node {
          ...NeedSummaryFields
        }
      }
    }
  }
`,
  [NeedSummaryFields, InspectionFields],
);

// The school's deployments, apart from the page's query so each stays under the API's query
// cost limit: most recently changed first.
const SchoolDeploymentsQuery = graphql(
  `
  query SchoolDeployments($id: ID!) {
    node(id: $id) {
      ... on Academy {
        id
        incomingDeployments(first: 15, orderBy: RECENTLY_CHANGED, status: [PROPOSED, AGREED, ACTIVE, COMPLETED]) {
          edges {
            node {
              ...DeploymentFields
            }
          }
        }
        outgoingDeployments(first: 15, orderBy: RECENTLY_CHANGED, status: [PROPOSED, AGREED, ACTIVE, COMPLETED]) {
          edges {
            node {
              ...DeploymentFields
            }
          }
        }
      }
    }
  }
`,
  [DeploymentFields],
);

/**
 * Signing (accept, release) is offered once, under "Waiting on you"; here the head can still
 * withdraw from a deployment their side already signed.
 */
function incomingMoves(d: Deployment): Move[] {
  return (d.status === 'PROPOSED' && d.acceptance) || d.status === 'AGREED' ? ['decline'] : [];
}
function outgoingMoves(d: Deployment): Move[] {
  return (d.status === 'PROPOSED' && d.release) || d.status === 'AGREED' ? ['decline'] : [];
}

export default function SchoolPage() {
  const session = useSession();
  const id = session?.academyId ?? '';
  const school = useGqlQuery(SchoolQuery, { id }, { enabled: !!id });
  if (!id) return <div className="page"><Empty>Your sign-in names no school.</Empty></div>;
  return (
    <div className="page">
      <QueryView query={school} what="your school">
        {(data) => {
          const a = data.node && 'fsmPercent' in data.node ? data.node : null;
          if (!a) return <Empty>Your school is not on record.</Empty>;
          const needs = data.needs.edges.map((e) => e.node);
          return (
            <>
              <h1>{a.name}</h1>
              <p className="lede">
                {label(a.phase)} · FSM {percent(a.fsmPercent, 1)} · {a.latestInspection.label}
                {a.cluster ? ` · ${a.cluster.name}` : ''}
                {a.trust ? ` · ${a.trust.name}` : ' · standalone'}
              </p>
              <p>
                <Link className="button-like" to="/school/raise-need">
                  Raise a need
                </Link>
              </p>
              <InspectionPanel school={a} />
              <SchoolSupportDays academyId={a.id} canSet={session?.role === 'HEADTEACHER'} />
              <section aria-labelledby="waiting-heading">
                <h2 id="waiting-heading">Waiting on you</h2>
                <WaitingList emptyText="Nothing waits on you: no release or acceptance to agree." />
              </section>
              <div className="two-columns">
                <section aria-labelledby="needs-heading">
                  <h2 id="needs-heading">Your school's needs</h2>
                  {needs.length === 0 ? <Empty>No needs raised. Raise one when the school wants support.</Empty> : null}
                  <ol className="card-list">
                    {needs.map((n) => (
                      <li key={n.id}>
                        <NeedCard need={n} link={false} maxPriority={1} />
                      </li>
                    ))}
                  </ol>
                </section>
                <SchoolDeployments id={a.id} />
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function SchoolDeployments({ id }: { id: string }) {
  const query = useGqlQuery(SchoolDeploymentsQuery, { id });
  return (
    <div>
      <QueryView query={query} what="your school's deployments">
        {(data) => {
          const a = data.node && 'incomingDeployments' in data.node ? data.node : null;
          const incoming = a?.incomingDeployments.edges.map((e) => e.node) ?? [];
          const outgoing = a?.outgoingDeployments.edges.map((e) => e.node) ?? [];
          return (
            <>
              <section aria-labelledby="incoming-heading">
                <h2 id="incoming-heading">Support coming in</h2>
                {incoming.length === 0 ? <Empty>No support arranged for your school yet.</Empty> : null}
                <ul className="card-list">
                  {incoming.map((d) => (
                    <li key={d.id}>
                      <DeploymentCard deployment={d} moves={incomingMoves(d)} />
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="outgoing-heading">
                <h2 id="outgoing-heading">Your staff supporting others</h2>
                {outgoing.length === 0 ? <Empty>None of your staff is asked for yet.</Empty> : null}
                <ul className="card-list">
                  {outgoing.map((d) => (
                    <li key={d.id}>
                      <DeploymentCard deployment={d} moves={outgoingMoves(d)} />
                    </li>
                  ))}
                </ul>
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
