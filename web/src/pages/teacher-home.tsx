// A teacher's home: their profile as the service sees it (what ranking uses), with a link to
// change it, and where they could help most.
import { Link } from 'react-router';
import { ProfileQuery } from '../api/staff';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { Empty, QueryView } from '../components/states';
import { date, days, label } from '../format';

export default function TeacherHome() {
  const session = useSession();
  const staffId = session?.staffId ?? '';
  const profile = useGqlQuery(ProfileQuery, { id: staffId }, { enabled: !!staffId });
  if (!staffId) return <div className="page"><Empty>Your sign-in names no staff record, so there is no profile to show.</Empty></div>;
  return (
    <div className="page page-narrow">
      <QueryView query={profile} what="your profile">
        {(data) => {
          const me = data.node && 'expertise' in data.node ? data.node : null;
          if (!me) return <Empty>Your staff record was not found.</Empty>;
          const areaLabel = new Map(data.expertiseAreas.map((a) => [a.code, a.label]));
          return (
            <>
              <h1>{me.name}</h1>
              <p className="lede">
                {label(me.role)} at {me.homeAcademy.name}
                {me.homeAcademy.cluster ? `, ${me.homeAcademy.cluster.name}` : ''}
              </p>
              <p className="actions">
                <Link className="button-like" to={`/staff/${encodeURIComponent(me.id)}/edit`}>
                  Edit my profile
                </Link>
                <Link to="/me/help">Where could I help most?</Link>
                <Link to="/me/deployments">My deployments</Link>
              </p>
              <section aria-labelledby="availability-heading">
                <h2 id="availability-heading">Availability{me.capacity ? `, school year ${me.capacity.schoolYear}` : ''}</h2>
                <dl className="stats">
                  <div>
                    <dt>Days offered this year</dt>
                    <dd>{me.capacityDays}</dd>
                  </div>
                  <div>
                    <dt>Days promised</dt>
                    <dd>{me.daysCommitted}</dd>
                  </div>
                  <div>
                    <dt>Days left</dt>
                    <dd>{me.remainingDays}</dd>
                  </div>
                  <div>
                    <dt>Will travel</dt>
                    <dd>{me.maxTravelKm == null ? 'any distance' : `${me.maxTravelKm} km`}</dd>
                  </div>
                </dl>
                <h3 id="windows-heading">When I can help</h3>
                {(me.availability ?? []).length === 0 ? (
                  <p>Any time of the year (no date ranges given).</p>
                ) : (
                  <ul aria-labelledby="windows-heading">
                    {(me.availability ?? []).map((w) => (
                      <li key={`${w.from}-${w.to}`}>
                        {date(w.from)} to {date(w.to)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="expertise-heading">
                <h2 id="expertise-heading">Expertise</h2>
                {me.expertise.length === 0 ? <Empty>No expertise recorded yet: add some so you can be matched.</Empty> : null}
                <ul className="card-list">
                  {me.expertise.map((e) => (
                    <li key={e.area} className="card">
                      <h3>{areaLabel.get(e.area) ?? label(e.area)}</h3>
                      <p className="meta">
                        {label(e.level)} · {e.phases.map(label).join(', ') || 'any phase'}
                      </p>
                      {e.evidence ? <p>{e.evidence}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="records-heading">
                <h2 id="records-heading">Kept by your school</h2>
                <dl className="facts">
                  <dt>Designations</dt>
                  <dd>{me.designations.length ? me.designations.join(', ') : 'none'}</dd>
                  <dt>Safeguarding check until</dt>
                  <dd>{date(me.safeguardingCheckExpiresOn)}</dd>
                  <dt>Email</dt>
                  <dd>{me.email}</dd>
                </dl>
                <p className="hint">Your headteacher changes designations, your post and the safeguarding check. {days(me.remainingDays ?? 0)} left to offer.</p>
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
