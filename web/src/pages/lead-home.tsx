// Improvement lead's home: the trust's open needs by priority, its hubs, and a map.
import { useState } from 'react';
import { Link } from 'react-router';
import { MapSchoolFields, NeedSummaryFields } from '../api/fragments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { WaitingList } from '../components/deployments';
import { NeedCard } from '../components/need-card';
import { SchoolMap } from '../components/school-map';
import { Empty, QueryView } from '../components/states';
import { days, percent } from '../format';

const TrustsQuery = graphql(`
  query LeadTrusts {
    trusts(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const LeadHomeQuery = graphql(
  `
  query LeadHome($trustId: ID!) {
    node(id: $trustId) {
      ... on Trust {
        id
        name
        region
        clusters {
          id
          name
          memberCount
          sizeWithinNorm
          spareCapacityDays
          leadAcademy {
            id
            name
            latestInspection {
              label
            }
          }
          executiveHead {
            id
            name
          }
          memberAcademies {
            id
            name
            fsmPercent
          }
          openNeeds {
            id
          }
        }
        academies(first: 100) {
          edges {
            node {
              ...MapSchoolFields
            }
          }
        }
      }
    }
    needs(first: 30, filter: { trustId: $trustId, statuses: [OPEN] }, orderBy: PRIORITY) {
      edges {
        node {
          ...NeedSummaryFields
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`,
  [NeedSummaryFields, MapSchoolFields],
);

export default function LeadHome() {
  const session = useSession();
  const [picked, setPicked] = useState<string | null>(null);
  const trusts = useGqlQuery(TrustsQuery, {}, { enabled: !session?.trustId });
  const trustId = session?.trustId ?? picked ?? trusts.data?.trusts.edges[0]?.node.id ?? null;
  const home = useGqlQuery(LeadHomeQuery, { trustId: trustId ?? '' }, { enabled: !!trustId });

  return (
    <div className="page">
      {!session?.trustId && trusts.data ? (
        <div className="field field-inline">
          <label htmlFor="trust-picker">Trust</label>
          <select id="trust-picker" value={trustId ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {trusts.data.trusts.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <QueryView query={home} what="the trust's needs and hubs">
        {(data) => {
          const trust = data.node && 'clusters' in data.node ? data.node : null;
          if (!trust) return <Empty>This trust is not on record.</Empty>;
          const needs = data.needs.edges.map((e) => e.node);
          const maxPriority = Math.max(1, ...needs.map((n) => n.priority));
          const schools = trust.academies.edges.map((e) => ({ ...e.node, hub: e.node.cluster?.name ?? 'not in a hub' }));
          return (
            <>
              <h1>{trust.name}</h1>
              <p className="lede">
                {needs.length}
                {data.needs.pageInfo.hasNextPage ? '+' : ''} open needs across {trust.clusters.length} hubs. The most urgent first: priority
                weighs severity, disadvantage (FSM), inspection outcome and waiting time.
              </p>
              <div className="two-columns">
                <section aria-labelledby="needs-heading">
                  <h2 id="needs-heading">Open needs by priority</h2>
                  {needs.length === 0 ? <Empty>No open needs in this trust.</Empty> : null}
                  <ol className="card-list">
                    {needs.map((need) => (
                      <li key={need.id}>
                        <NeedCard need={need} maxPriority={maxPriority} />
                      </li>
                    ))}
                  </ol>
                </section>
                <div>
                  <section aria-labelledby="offers-waiting-heading">
                    <h2 id="offers-waiting-heading">Offers to consider</h2>
                    <WaitingList emptyText="No offers of help wait on you." kinds={['OFFER']} />
                  </section>
                  <section aria-labelledby="hubs-heading">
                    <h2 id="hubs-heading">Hubs</h2>
                    {trust.clusters.length === 0 ? <Empty>This trust has no hubs yet.</Empty> : null}
                    <ul className="card-list hub-cards">
                      {trust.clusters.map((hub) => {
                        const fsm = hub.memberAcademies.map((a) => a.fsmPercent).filter((v): v is number => v != null);
                        return (
                          <li key={hub.id}>
                            <article className="card" aria-labelledby={`hub-${hub.id}`}>
                              <h3 id={`hub-${hub.id}`}>
                                <Link to={`/hubs/${encodeURIComponent(hub.id)}`}>{hub.name}</Link>
                              </h3>
                              <dl className="facts">
                                <dt>Lead academy</dt>
                                <dd>
                                  {hub.leadAcademy.name} ({hub.leadAcademy.latestInspection.label})
                                </dd>
                                <dt>Executive head</dt>
                                <dd>{hub.executiveHead?.name ?? 'none on record'}</dd>
                                <dt>Members</dt>
                                <dd>
                                  {hub.memberCount}
                                  {hub.sizeWithinNorm ? '' : ' (outside the usual 3–4)'}
                                </dd>
                                <dt>Spare days</dt>
                                <dd>{hub.spareCapacityDays == null ? 'not shared' : days(hub.spareCapacityDays)}</dd>
                                <dt>Open needs</dt>
                                <dd>{hub.openNeeds.length}</dd>
                                <dt>Average FSM</dt>
                                <dd>{fsm.length ? percent(fsm.reduce((a, b) => a + b, 0) / fsm.length, 1) : 'unknown'}</dd>
                              </dl>
                            </article>
                          </li>
                        );
                      })}
                    </ul>
                  </section>
                  <section aria-labelledby="map-heading">
                    <h2 id="map-heading">Schools of the trust</h2>
                    <SchoolMap schools={schools} title={`Schools of ${trust.name}`} />
                  </section>
                </div>
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
