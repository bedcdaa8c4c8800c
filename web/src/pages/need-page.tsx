// One need: its priority and why, and who could help, ranked with the reasons, for staff and
// for whole schools; the people left out, counted by reason; "propose" with the days.
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FactorFields, NeedSummaryFields } from '../api/fragments';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { NeedCard } from '../components/need-card';
import { NeedOffers } from '../components/offers';
import { FactorList, ScoreBar } from '../components/score-bar';
import { Empty, ErrorNotice, QueryView } from '../components/states';
import { parseWhole } from '../components/number-field';
import { errorsAt, FieldError, FormErrors, otherErrors } from '../components/user-errors';
import { days, label, money, payer, score } from '../format';

const NeedQuery = graphql(
  `
  query NeedPage($id: ID!) {
    node(id: $id) {
      ... on ImprovementNeed {
        ...NeedSummaryFields
        withdrawnReason
        deployments {
          id
          status
          days
          cost {
            dayRate
            coverDayRate
            supportCost
            coverCost
            total
            paidBy
          }
          staffMember {
            id
            name
          }
          supportingAcademy {
            id
            name
          }
        }
      }
    }
  }
`,
  [NeedSummaryFields],
);

const RankingQuery = graphql(
  `
  query NeedRanking($id: ID!, $kind: CandidateKind!) {
    rankCandidates(needId: $id, kind: $kind, first: 10) {
      eligibleCount
      consideredCount
      exclusions {
        reason
        count
      }
      candidates {
        rank
        score
        distanceKm
        kind
        factors {
          ...FactorFields
        }
        candidate {
          __typename
          ... on StaffMember {
            id
            name
            role
            remainingDays
            designations
            homeAcademy {
              id
              name
              cluster {
                id
                name
              }
            }
          }
          ... on Academy {
            id
            name
            supportRemainingDays
            latestInspection {
              label
            }
          }
        }
      }
    }
  }
`,
  [FactorFields],
);

const ProposeMutation = graphql(`
  mutation ProposeDeployment($input: ProposeDeploymentInput!) {
    proposeDeployment(input: $input) {
      deployment {
        id
        status
        days
        cost {
          total
          paidBy
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Candidate = ResultOf<typeof RankingQuery>['rankCandidates']['candidates'][number];

export default function NeedPage() {
  const { id = '' } = useParams();
  const need = useGqlQuery(NeedQuery, { id });
  const [kind, setKind] = useState<'STAFF' | 'ACADEMY'>('STAFF');
  // Kept at the page, not in the ranking or the card: once proposed, the person leaves the
  // ranking (already supporting), and the ranking may be drawn afresh while the page reloads.
  const [proposed, setProposed] = useState<Proposal | null>(null);
  return (
    <div className="page">
      <QueryView query={need} what="the need">
        {(data) => {
          const n = data.node && 'priorityFactors' in data.node ? data.node : null;
          if (!n) return <Empty>No need has this address. It may have been closed.</Empty>;
          return (
            <>
              <h1>
                {label(n.area)} at {n.academy.name}
              </h1>
              <p className="lede">{n.description}</p>
              {n.withdrawnReason ? (
                <div className="notice" role="note" aria-label="Withdrawn">
                  <p className="notice-title">Withdrawn</p>
                  <p>{n.withdrawnReason}</p>
                </div>
              ) : null}
              <div className="two-columns">
                <div>
                  <NeedCard need={n} link={false} maxPriority={Math.max(1, n.priority)} />
                  <section aria-labelledby="arranged-heading">
                    <h2 id="arranged-heading">Support arranged so far</h2>
                    {n.deployments.length === 0 ? <Empty>Nothing arranged yet.</Empty> : null}
                    <ul className="plain-list">
                      {n.deployments.map((d) => (
                        <li key={d.id}>
                          {d.staffMember?.name ?? d.supportingAcademy?.name ?? 'someone'}: {days(d.days)},{' '}
                          <span className={`badge status-${d.status.toLowerCase()}`}>{label(d.status)}</span>{' '}
                          <Link to={`/deployments/${encodeURIComponent(d.id)}`} aria-label={`Agreement and impact: ${d.staffMember?.name ?? d.supportingAcademy?.name ?? 'someone'}`}>
                            agreement
                          </Link>
                          <p className="meta cost-line">
                            Costs {money(d.cost.total)}: support {money(d.cost.supportCost)} ({d.days} × {money(d.cost.dayRate)}, paid by {payer(d.cost.paidBy)}) and cover{' '}
                            {money(d.cost.coverCost)} ({d.days} × {money(d.cost.coverDayRate)}, paid by their own school).
                          </p>
                        </li>
                      ))}
                    </ul>
                  </section>
                  <section aria-labelledby="offers-heading">
                    <h2 id="offers-heading">Offers of help</h2>
                    <NeedOffers needId={n.id} outstanding={n.daysOutstanding} />
                  </section>
                </div>
                <section aria-labelledby="candidates-heading">
                  <h2 id="candidates-heading">Who could help</h2>
                  <div className="segmented" role="group" aria-label="Rank">
                    <button type="button" aria-pressed={kind === 'STAFF'} onClick={() => setKind('STAFF')}>
                      Staff
                    </button>
                    <button type="button" aria-pressed={kind === 'ACADEMY'} onClick={() => setKind('ACADEMY')}>
                      Whole schools
                    </button>
                  </div>
                  {n.status === 'OPEN' ? (
                    <Ranking needId={n.id} kind={kind} outstanding={n.daysOutstanding} proposed={proposed} onProposed={setProposed} />
                  ) : (
                    <Empty>
                      This need is {label(n.status).toLowerCase()}
                      {n.withdrawnReason ? ' (withdrawn, see above)' : ''}: it is not waiting for more support.
                    </Empty>
                  )}
                </section>
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function Ranking({ needId, kind, outstanding, proposed, onProposed: setProposed }: { needId: string; kind: 'STAFF' | 'ACADEMY'; outstanding: number; proposed: Proposal | null; onProposed: OnProposed }) {
  const ranking = useGqlQuery(RankingQuery, { id: needId, kind });
  return (
    <>
      {proposed ? (
        <p className="notice notice-success" role="status">
          Proposed {proposed.name} for {days(proposed.days)}, costing {money(proposed.cost.total)} (support paid by {payer(proposed.cost.paidBy)}, cover by their own school). It now waits for both schools to agree: the release by their school, the acceptance
          by this one.
        </p>
      ) : null}
    <QueryView query={ranking} what="the ranking">
      {(data) => {
        const r = data.rankCandidates;
        // Bars on a 0-1 scale (scores are weighted sums of 0-1 factors), so lengths compare across needs.
        const max = Math.max(1, ...r.candidates.map((c) => c.score));
        const excluded = r.exclusions.filter((e) => e.count > 0);
        return (
          <>
            <p>
              {r.eligibleCount} of {r.consideredCount} {kind === 'STAFF' ? 'staff' : 'schools'} could take this on
              {r.candidates.length < r.eligibleCount ? `; the best ${r.candidates.length} are shown` : ''}.
            </p>
            {excluded.length ? (
              <details className="exclusions">
                <summary>Left out: {excluded.reduce((a, e) => a + e.count, 0)}, by reason</summary>
                <ul>
                  {excluded.map((e) => (
                    <li key={e.reason}>
                      {label(e.reason)}: {e.count}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {r.candidates.length === 0 ? <Empty>Nobody can take this need on now. See the reasons above.</Empty> : null}
            <ol className="card-list">
              {r.candidates.map((c) => (
                <li key={c.candidate.id}>
                  <CandidateCard candidate={c} max={max} needId={needId} outstanding={outstanding} onProposed={setProposed} />
                </li>
              ))}
            </ol>
          </>
        );
      }}
    </QueryView>
    </>
  );
}

interface Proposal {
  name: string;
  days: number;
  cost: { total: number; paidBy: string };
}
type OnProposed = (proposal: Proposal) => void;

function CandidateCard({ candidate: c, max, needId, outstanding, onProposed }: { candidate: Candidate; max: number; needId: string; outstanding: number; onProposed: OnProposed }) {
  const who = c.candidate;
  const name = who.__typename === 'StaffMember' ? who.name : who.name;
  const spare = who.__typename === 'StaffMember' ? who.remainingDays : who.supportRemainingDays;
  return (
    <article className="card candidate-card" aria-label={`${c.rank}. ${name}`}>
      <header className="card-header">
        <h3>
          <span className="rank">{c.rank}.</span> {name}
        </h3>
        <span className="score">score {score(c.score)}</span>
      </header>
      <p className="meta">
        {who.__typename === 'StaffMember'
          ? `${label(who.role)} at ${who.homeAcademy.name}${who.homeAcademy.cluster ? ` (${who.homeAcademy.cluster.name})` : ''}${who.designations.length ? ` · ${who.designations.join(', ')}` : ''}`
          : who.latestInspection.label}
        {c.distanceKm != null ? ` · ${c.distanceKm.toFixed(1)} km away` : ''} · {spare == null ? 'days free not shared' : `${days(spare)} free`}
      </p>
      <ScoreBar factors={c.factors} total={c.score} max={max} />
      <FactorList factors={c.factors} />
      <ProposeForm needId={needId} candidate={c} defaultDays={Math.max(1, Math.min(outstanding, spare ?? outstanding))} name={name} onProposed={onProposed} />
    </article>
  );
}

function ProposeForm({ needId, candidate, defaultDays, name, onProposed }: { needId: string; candidate: Candidate; defaultDays: number; name: string; onProposed: OnProposed }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [dayCount, setDayCount] = useState(String(defaultDays));
  const [localError, setLocalError] = useState<string | null>(null);
  const propose = useGqlMutation(ProposeMutation, ['NeedPage', 'NeedRanking', 'LeadHome', 'DeploymentsBoard']);
  const result = propose.data?.proposeDeployment;
  const errors = result?.userErrors ?? [];
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Propose ${name}`}>
        Propose
      </button>
    );
  }
  const dayErrors = localError ? [localError] : errorsAt(errors, 'days');
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const who = candidate.candidate;
        const parsed = parseWhole(dayCount);
        if (!parsed.ok) {
          setLocalError(parsed.message);
          return;
        }
        setLocalError(null);
        // Told through the promise, not mutate's onSuccess: the ranking reloads once the
        // proposal is made, this person leaves it (already supporting) and this card unmounts,
        // and TanStack Query drops a per-call callback of an unmounted component.
        propose
          .mutateAsync({
            input: {
              needId,
              days: parsed.value ?? 0,
              ...(who.__typename === 'StaffMember' ? { staffId: who.id } : { supportingAcademyId: who.id }),
            },
          })
          .then((data) => {
            const made = data.proposeDeployment.deployment;
            if (made) {
              setOpen(false);
              onProposed({ name, days: made.days, cost: made.cost });
            }
          })
          .catch(() => undefined); // shown by the form from propose.error
      }}
    >
      <FormErrors errors={otherErrors(errors, ['days'])} />
      {propose.error ? <ErrorNotice error={propose.error} /> : null}
      <div className="field field-inline">
        <label htmlFor={`${id}-days`}>Days for {name}</label>
        <input
          id={`${id}-days`}
          inputMode="numeric"
          value={dayCount}
          onChange={(e) => setDayCount(e.target.value)}
          aria-invalid={dayErrors.length ? true : undefined}
          aria-describedby={dayErrors.length ? `${id}-days-error` : undefined}
          size={4}
        />
        <button type="submit" disabled={propose.isPending}>
          {propose.isPending ? 'Proposing…' : `Propose ${name}`}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <FieldError id={`${id}-days-error`} messages={dayErrors} />
    </form>
  );
}
