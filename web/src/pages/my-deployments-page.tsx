// A teacher's deployments: what waits on them (start, complete with impact), then the rest.
import { DeploymentFields } from '../api/deployments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { DeploymentCard, WaitingList } from '../components/deployments';
import { Empty, QueryView } from '../components/states';

const MyDeploymentsQuery = graphql(
  `
  query MyDeployments {
    viewer {
      staffMember {
        id
        deployments(first: 25, orderBy: RECENTLY_CHANGED) {
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

export default function MyDeploymentsPage() {
  const mine = useGqlQuery(MyDeploymentsQuery, {});
  return (
    <div className="page page-narrow">
      <h1>My deployments</h1>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting on you</h2>
        <WaitingList emptyText="Nothing waits on you." kinds={['START', 'COMPLETE']} />
      </section>
      <section aria-labelledby="all-heading">
        <h2 id="all-heading">All my deployments</h2>
        <QueryView query={mine} what="your deployments">
          {(data) => {
            const list = data.viewer?.staffMember?.deployments.edges.map((e) => e.node) ?? [];
            if (!list.length) return <Empty>You have no deployments yet. See where you could help most.</Empty>;
            return (
              <ul className="card-list">
                {list.map((d) => (
                  <li key={d.id}>
                    <DeploymentCard deployment={d} />
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryView>
      </section>
    </div>
  );
}
