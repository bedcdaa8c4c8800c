// "Where could I help most?": the open needs ranked for this person, with the reasons. When
// their school lends nobody (closed, or in an Ofsted category of concern) the ranking lists no
// need and an offer would be refused, so the page says why instead of "widen your expertise".
import { Link } from 'react-router';
import { FactorFields } from '../api/fragments';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { MyOffersQuery } from '../api/offers';
import { useSession } from '../auth/session';
import { MyOffers, OfferHelpForm } from '../components/offers';
import { FactorList, ScoreBar } from '../components/score-bar';
import { closedSince, concernOf, type Lending, LendingFields, lendsNobody } from '../components/school-support-days';
import { Empty, QueryView } from '../components/states';
import { days, label, percent, score } from '../format';

const HelpQuery = graphql(
  `
  query WhereCouldIHelp($staffId: ID!) {
    node(id: $staffId) {
      ... on StaffMember {
        id
        homeAcademy {
          id
          name
          ...LendingFields
        }
      }
    }
    rankNeedsForStaff(staffId: $staffId, first: 10) {
      rank
      score
      distanceKm
      factors {
        ...FactorFields
      }
      need {
        id
        area
        phase
        severity
        daysOutstanding
        description
        academy {
          id
          name
          fsmPercent
          latestInspection {
            label
          }
        }
      }
    }
  }
`,
  [FactorFields, LendingFields],
);

/** Why a school's staff are asked to help nowhere, in the words the server refuses an offer with. */
function HomeSchoolLendsNobody({ school }: { school: Lending & { name: string } }) {
  const closed = closedSince(school);
  return (
    <div className="notice notice-warning" role="note" aria-label={`Why ${school.name}’s staff are not asked to help`}>
      <p className="notice-title">{school.name} lends no staff to other schools</p>
      <p>
        {closed !== null
          ? `It has closed (the register, GIAS, lists it as closed${closed ? ` ${closed}` : ''}).`
          : `It is in an Ofsted category of concern (${concernOf(school)}), so it keeps its own staff.`}{' '}
        No need is listed for you here, and an offer of help from you or the school would be refused.
      </p>
    </div>
  );
}

export default function HelpPage() {
  const session = useSession();
  const staffId = session?.staffId ?? '';
  const ranked = useGqlQuery(HelpQuery, { staffId }, { enabled: !!staffId });
  // Needs already offered on (and still open): no second "offer help" button for them.
  const mine = useGqlQuery(MyOffersQuery, {}, { enabled: !!staffId });
  const offeredOn = new Set((mine.data?.myOffers ?? []).filter((o) => o.status === 'OPEN' && o.kind === 'STAFF').map((o) => o.need.id));
  return (
    <div className="page page-narrow">
      <h1>Where could I help most?</h1>
      <p className="lede">
        Open needs your expertise fits, most valuable first: the fit of your expertise and level, the school's disadvantage and urgency, and
        how far you would travel.
      </p>
      {!staffId ? <Empty>Your sign-in names no staff record.</Empty> : null}
      {staffId ? (
        <section aria-labelledby="my-offers-heading">
          <h2 id="my-offers-heading">My offers</h2>
          <MyOffers />
        </section>
      ) : null}
      {staffId ? <h2 id="needs-heading">Needs you could help with</h2> : null}
      {staffId ? (
        <QueryView query={ranked} what="the needs you could help with">
          {(data) => {
            const list = data.rankNeedsForStaff;
            const home = data.node && 'homeAcademy' in data.node ? data.node.homeAcademy : null;
            if (!list.length && home && lendsNobody(home)) return <HomeSchoolLendsNobody school={home} />;
            if (!list.length) {
              return (
                <Empty>
                  No open need matches your expertise, travel distance and free days now. <Link to={`/staff/${encodeURIComponent(staffId)}/edit`}>Add expertise</Link> or days to widen it.
                </Empty>
              );
            }
            const max = Math.max(1, ...list.map((r) => r.score));
            return (
              <ol className="card-list">
                {list.map((r) => (
                  <li key={r.need.id}>
                    <article className="card" data-need-id={r.need.id} aria-label={`${r.rank}. ${label(r.need.area)} at ${r.need.academy.name}`}>
                      <header className="card-header">
                        <h3 className="h3-like">
                          <span className="rank">{r.rank}.</span> {label(r.need.area)} at {r.need.academy.name}
                        </h3>
                        <span className="score">score {score(r.score)}</span>
                      </header>
                      <p className="meta">
                        {label(r.need.phase)} · {label(r.need.severity)} · {days(r.need.daysOutstanding)} wanted · FSM {percent(r.need.academy.fsmPercent, 1)} ·
                        {r.need.academy.latestInspection.label}
                        {r.distanceKm != null ? ` · ${r.distanceKm.toFixed(1)} km away` : ''}
                      </p>
                      <p>{r.need.description}</p>
                      <ScoreBar factors={r.factors} total={r.score} max={max} />
                      <FactorList factors={r.factors} />
                      {offeredOn.has(r.need.id) ? (
                        <p className="meta">You have offered help on this need: see “My offers”.</p>
                      ) : (
                        <OfferHelpForm needId={r.need.id} what={`${label(r.need.area)} at ${r.need.academy.name}`} outstanding={r.need.daysOutstanding} />
                      )}
                    </article>
                  </li>
                ))}
              </ol>
            );
          }}
        </QueryView>
      ) : null}
    </div>
  );
}
