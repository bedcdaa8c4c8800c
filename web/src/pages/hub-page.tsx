// An executive head's hub (or any hub, for a lead): what waits on them, staff capacity, the
// members' whole-school support days (set here too), the members' needs and a map.
import { useParams } from 'react-router';
import { MapSchoolFields, NeedSummaryFields } from '../api/fragments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { WaitingList } from '../components/deployments';
import { NeedCard } from '../components/need-card';
import { SchoolMap } from '../components/school-map';
import { HubSupportDays } from '../components/hub-support-days';
import { LendingFields, SupportCapacityFields } from '../components/school-support-days';
import { TableScroll } from '../components/table-scroll';
import { Empty, QueryView } from '../components/states';
import { days, label } from '../format';

const HubQuery = graphql(
  `
  query HubPage($id: ID!) {
    node(id: $id) {
      ... on Cluster {
        id
        name
        spareCapacityDays
        trust {
          id
          name
        }
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
          ...MapSchoolFields
          ...LendingFields
          supportCapacity {
            ...SupportCapacityFields
          }
          staffMembers {
            id
            name
            role
            capacityDays
            remainingDays
            daysCommitted
            capacity {
              schoolYear
            }
          }
          openNeeds {
            ...NeedSummaryFields
          }
        }
      }
    }
  }
`,
  [MapSchoolFields, NeedSummaryFields, SupportCapacityFields, LendingFields],
);

export default function HubPage() {
  const params = useParams();
  const session = useSession();
  const id = params.id ?? session?.clusterId ?? '';
  const hub = useGqlQuery(HubQuery, { id }, { enabled: !!id });
  const mine = session?.role === 'EXECUTIVE_HEAD' && session.clusterId === id;
  // The API's rule for setting a school's support days (the hub's executive head, the trust's
  // improvement lead, an ADMIN); a headteacher sets their own on the school page.
  const maySetDays = (trustId: string) => mine || session?.role === 'ADMIN' || (session?.role === 'IMPROVEMENT_LEAD' && session.trustId === trustId);
  if (!id) return <div className="page"><Empty>Your sign-in names no hub.</Empty></div>;
  return (
    <div className="page">
      <QueryView query={hub} what="the hub">
        {(data) => {
          const h = data.node && 'memberAcademies' in data.node ? data.node : null;
          if (!h) return <Empty>No hub has this address.</Empty>;
          const needs = h.memberAcademies.flatMap((a) => a.openNeeds).sort((a, b) => b.priority - a.priority);
          const maxPriority = Math.max(1, ...needs.map((n) => n.priority));
          const staff = h.memberAcademies.flatMap((a) => a.staffMembers.map((s) => ({ ...s, school: a.name })));
          // The year the figures are about, as the server counts it (the same for every person).
          const schoolYear = staff.find((s) => s.capacity)?.capacity?.schoolYear ?? null;
          const totals = staff.reduce((t, s) => ({ offered: t.offered + (s.capacityDays ?? 0), reserved: t.reserved + (s.daysCommitted ?? 0), left: t.left + (s.remainingDays ?? 0) }), { offered: 0, reserved: 0, left: 0 });
          return (
            <>
              <h1>{h.name}</h1>
              <p className="lede">
                {h.trust.name}. Lead academy {h.leadAcademy.name} ({h.leadAcademy.latestInspection.label}); executive head {h.executiveHead?.name ?? 'none on record'}. {h.memberAcademies.length} schools{h.spareCapacityDays == null ? '' : `, ${days(h.spareCapacityDays)} spare`}.
              </p>
              {mine ? (
                <section aria-labelledby="waiting-heading">
                  <h2 id="waiting-heading">Waiting on you</h2>
                  <WaitingList emptyText="Nothing waits on you: no release of your hub's staff is waiting to be agreed." />
                </section>
              ) : null}
              <div className="two-columns">
                <section aria-labelledby="hub-needs-heading">
                  <h2 id="hub-needs-heading">Members' open needs</h2>
                  {needs.length === 0 ? <Empty>No member school has an open need.</Empty> : null}
                  <ol className="card-list">
                    {needs.map((n) => (
                      <li key={n.id}>
                        <NeedCard need={n} maxPriority={maxPriority} />
                      </li>
                    ))}
                  </ol>
                </section>
                <section aria-labelledby="hub-map-heading">
                  <h2 id="hub-map-heading">Member schools</h2>
                  <SchoolMap schools={h.memberAcademies} title={`Schools of ${h.name}`} />
                </section>
              </div>
              <section aria-labelledby="capacity-heading">
                <h2 id="capacity-heading">Staff capacity{schoolYear ? `, school year ${schoolYear}` : ''}</h2>
                {schoolYear ? <p className="hint">Days of the school year {schoolYear} (1 September to 31 August): offered, reserved by deployments, and left.</p> : null}
                <dl className="stats">
                  <div>
                    <dt>Days offered</dt>
                    <dd>{totals.offered}</dd>
                  </div>
                  <div>
                    <dt>Days reserved</dt>
                    <dd>{totals.reserved}</dd>
                  </div>
                  <div>
                    <dt>Days left</dt>
                    <dd>{totals.left}</dd>
                  </div>
                </dl>
                {staff.length === 0 ? <Empty>No staff on record in this hub.</Empty> : null}
                <TableScroll label="Staff capacity by person">
                  <table>
                    <caption className="visually-hidden">Staff capacity by person</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">School</th>
                        <th scope="col">Post</th>
                        <th scope="col">Offered</th>
                        <th scope="col">Reserved</th>
                        <th scope="col">Left</th>
                      </tr>
                    </thead>
                    <tbody>
                      {staff.map((s) => (
                        <tr key={s.id}>
                          <th scope="row">{s.name}</th>
                          <td>{s.school}</td>
                          <td>{label(s.role)}</td>
                          <td>{s.capacityDays ?? 'not shared'}</td>
                          <td>{s.daysCommitted ?? 'not shared'}</td>
                          <td>{s.remainingDays ?? 'not shared'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>
              <HubSupportDays schools={h.memberAcademies} canSet={maySetDays(h.trust.id)} />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
