// Plan support for a hub or the whole trust, optionally within a budget: the optimal plan
// against the greedy one, what it costs, how fairly it shares days by FSM band, what stays
// unmet and why (the budget apart from other reasons); then commit it, after a
// confirmation, as proposed deployments.
import { useState } from 'react';
import { Link } from 'react-router';
import { FactorFields } from '../api/fragments';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FairnessChart } from '../components/fairness-chart';
import { FactorList } from '../components/score-bar';
import { TableScroll } from '../components/table-scroll';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { parseWhole } from '../components/number-field';
import { days, label, money, payer, percent, score } from '../format';

const ScopesQuery = graphql(`
  query AllocationScopes {
    trusts(first: 50) {
      edges {
        node {
          id
          name
          clusters {
            id
            name
          }
        }
      }
    }
  }
`);

const PlanQuery = graphql(
  `
  query PlanAllocation($input: PlanAllocationInput!) {
    planAllocation(input: $input) {
      userErrors {
        field
        message
        code
      }
      plan {
        objective
        greedyObjective
        greedyCost
        budget
        budgetLeft
        daysUnmetBecauseOfBudget
        paidBy
        cost {
          supportCost
          coverCost
          total
        }
        lpBound
        solver
        solveMs
        assignments {
          days
          cost {
            dayRate
            coverDayRate
            supportCost
            coverCost
            total
          }
          fit
          priority
          value
          distanceKm
          factors {
            ...FactorFields
          }
          need {
            id
            area
            academy {
              id
              name
              fsmPercent
            }
          }
          staffMember {
            id
            name
            homeAcademy {
              id
              name
            }
          }
        }
        fairness {
          fillRate
          totalRequestedDays
          totalAllocatedDays
          groups {
            group
            label
            needs
            requestedDays
            allocatedDays
            requestedShare
            allocatedShare
            fillRate
          }
        }
        unmet {
          daysRequested
          daysAllocated
          daysUnmet
          eligibleSupporters
          reason
          need {
            id
            area
            academy {
              id
              name
            }
          }
        }
      }
    }
  }
`,
  [FactorFields],
);

const CommitMutation = graphql(`
  mutation CommitAllocation($input: CommitAllocationInput!) {
    commitAllocation(input: $input) {
      deployments {
        id
      }
      failures {
        index
        days
        userErrors {
          field
          message
          code
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

type Plan = NonNullable<ResultOf<typeof PlanQuery>['planAllocation']['plan']>;

const UNMET_REASONS: Record<string, string> = {
  NO_ELIGIBLE_SUPPORTER: 'nobody eligible (expertise, travel, capacity or safeguarding rule it out)',
  NO_CAPACITY: 'the eligible supporters have no days left',
  CAPACITY_EXHAUSTED: 'the days went to needs of higher priority',
  CANDIDATE_LIMIT: 'beyond the candidates the planner considers per need',
  ZERO_VALUE: 'no supporter adds value here',
  BUDGET: 'the budget ran out: the money went where it meets more need',
};

export default function AllocationPage() {
  const session = useSession();
  const scopes = useGqlQuery(ScopesQuery, {});
  const trusts = (scopes.data?.trusts.edges ?? []).map((e) => e.node).filter((t) => !session?.trustId || t.id === session.trustId);
  const defaultScope = session?.clusterId && session.role === 'EXECUTIVE_HEAD' ? `hub:${session.clusterId}` : trusts[0] ? `trust:${trusts[0].id}` : '';
  const [picked, setPicked] = useState<string | null>(null);
  const scope = picked ?? defaultScope;
  const plan = useGqlMutation(PlanQuery);
  const commit = useGqlMutation(CommitMutation, ['DeploymentsBoard', 'LeadHome', 'NeedPage', 'HubPage']);
  const [confirming, setConfirming] = useState(false);
  const [budgetText, setBudgetText] = useState('');
  const [budgetError, setBudgetError] = useState<string | null>(null);

  const current = plan.data?.planAllocation.plan ?? null;
  const planErrors = plan.data?.planAllocation.userErrors ?? [];
  const committed = commit.data?.commitAllocation;

  function runPlan() {
    const budget = parseWhole(budgetText, { optional: true });
    if (!budget.ok) {
      setBudgetError(budget.message);
      return;
    }
    setBudgetError(null);
    commit.reset();
    const [kind, id = ''] = scope.split(':');
    plan.mutate({ input: { ...(kind === 'hub' ? { clusterId: id } : { trustId: id }), budget: budget.value } });
  }
  const serverBudgetError = planErrors.find((e) => e.field?.[0] === 'budget')?.message ?? null;
  const shownBudgetError = budgetError ?? serverBudgetError;

  function runCommit(p: Plan) {
    setConfirming(false);
    commit.mutate({ input: { assignments: p.assignments.map((a) => ({ needId: a.need.id, staffId: a.staffMember.id, days: a.days })) } });
  }

  return (
    <div className="page">
      <h1>Plan support</h1>
      <p className="lede">
        The planner shares every free day of the staff among the open needs at once, weighing each need's priority by how well each person
        fits, and compares the result with taking needs one at a time (greedy).
      </p>
      {scopes.error ? <ErrorNotice error={scopes.error} retry={() => void scopes.refetch()} /> : null}
      {scopes.isPending ? <Loading what="trusts and hubs" /> : null}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          runPlan();
        }}
      >
        <div className="field field-inline">
          <label htmlFor="plan-scope">Plan for</label>
          <select id="plan-scope" value={scope} onChange={(e) => setPicked(e.target.value)}>
            {trusts.map((t) => (
              <optgroup key={t.id} label={t.name}>
                <option value={`trust:${t.id}`}>The whole trust: {t.name}</option>
                {t.clusters.map((c) => (
                  <option key={c.id} value={`hub:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="plan-budget">Budget in £ (optional)</label>
          <input
            id="plan-budget"
            inputMode="numeric"
            autoComplete="off"
            size={10}
            value={budgetText}
            onChange={(e) => setBudgetText(e.target.value)}
            aria-describedby={shownBudgetError ? 'plan-budget-error plan-budget-hint' : 'plan-budget-hint'}
            aria-invalid={shownBudgetError ? true : undefined}
          />
          <span id="plan-budget-hint" className="hint">
            Support and cover together, at the trust’s <Link to="/cost-settings">day rates</Link>. Leave empty for no limit.
          </span>
          {shownBudgetError ? (
            <span id="plan-budget-error" className="field-error" role="alert">
              {shownBudgetError}
            </span>
          ) : null}
        </div>
        <button type="submit" disabled={!scope || plan.isPending}>
          {plan.isPending ? 'Planning…' : 'Make a plan'}
        </button>
      </form>
      {plan.isPending ? <Loading what="the plan (the solver may take a few seconds)" /> : null}
      {plan.error ? <ErrorNotice error={plan.error} retry={runPlan} /> : null}
      {planErrors.some((e) => e.field?.[0] !== 'budget') ? (
        <div className="notice notice-error" role="alert">
          {planErrors.filter((e) => e.field?.[0] !== 'budget').map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      ) : null}
      {current ? (
        <PlanView
          plan={current}
          committedCount={committed ? committed.deployments.length : null}
          onCommit={() => setConfirming(true)}
          committing={commit.isPending}
        />
      ) : null}
      {commit.error ? <ErrorNotice error={commit.error} /> : null}
      {committed ? (
        <div className={`notice ${committed.failures.length || committed.userErrors.length ? 'notice-error' : 'notice-success'}`} role="status">
          <p className="notice-title">
            {committed.deployments.length} deployment{committed.deployments.length === 1 ? '' : 's'} proposed.
          </p>
          {committed.userErrors.map((e, i) => (
            <p key={`u${i}`}>{e.message}</p>
          ))}
          {committed.failures.length ? (
            <>
              <p>{committed.failures.length} could not be made (someone's days or the need changed meanwhile):</p>
              <ul>
                {committed.failures.map((f) => (
                  <li key={f.index}>
                    Row {f.index + 1}: {f.userErrors.map((e) => e.message).join(' ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to="/deployments">See them on the deployments board</Link>
          </p>
        </div>
      ) : null}
      {current ? (
        <ConfirmDialog
          open={confirming}
          title="Commit this plan?"
          confirmLabel={`Propose ${current.assignments.length} deployments`}
          onConfirm={() => runCommit(current)}
          onCancel={() => setConfirming(false)}
        >
          <p>
            This proposes {current.assignments.length} deployments ({days(current.assignments.reduce((a, x) => a + x.days, 0))}) and reserves
            those days. Each still needs both schools to agree before it starts.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function PlanView({ plan, onCommit, committing, committedCount }: { plan: Plan; onCommit: () => void; committing: boolean; committedCount: number | null }) {
  const gain = plan.greedyObjective > 0 ? ((plan.objective - plan.greedyObjective) / plan.greedyObjective) * 100 : null;
  const byBudget = plan.unmet.filter((u) => u.reason === 'BUDGET');
  const otherUnmet = plan.unmet.filter((u) => u.reason !== 'BUDGET');
  return (
    <>
      <section aria-labelledby="summary-heading" className="summary">
        <h2 id="summary-heading">The plan</h2>
        <dl className="stats">
          <div>
            <dt>Deployments</dt>
            <dd>{plan.assignments.length}</dd>
          </div>
          <div>
            <dt>Days placed</dt>
            <dd>
              {plan.fairness.totalAllocatedDays} of {plan.fairness.totalRequestedDays}
            </dd>
          </div>
          <div>
            <dt>Value, this plan</dt>
            <dd>{score(plan.objective)}</dd>
          </div>
          <div>
            <dt>Value, one need at a time</dt>
            <dd>{score(plan.greedyObjective)}</dd>
          </div>
          <div>
            <dt>Better than greedy by</dt>
            <dd>{gain == null ? '—' : Math.abs(gain) < 0.05 ? 'equal here' : percent(gain, 1)}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{money(plan.cost.total)}</dd>
          </div>
          {plan.budget != null ? (
            <div>
              <dt>Budget left</dt>
              <dd>
                {money(plan.budgetLeft ?? 0)} of {money(plan.budget)}
              </dd>
            </div>
          ) : null}
          {plan.budget != null ? (
            <div>
              <dt>Days unmet because of the budget</dt>
              <dd>{plan.daysUnmetBecauseOfBudget}</dd>
            </div>
          ) : null}
        </dl>
        <p className="meta">
          Support {money(plan.cost.supportCost)}, paid by {payer(plan.paidBy)}; cover {money(plan.cost.coverCost)}, paid by the releasing schools.
          Greedy{plan.budget != null ? ' within the same budget' : ''} would cost {money(plan.greedyCost)}.
        </p>
        <p className="meta">
          Solved by {plan.solver} in {plan.solveMs.toFixed(0)} ms{plan.lpBound != null ? `; no plan can beat ${score(plan.lpBound)}` : ''}.
        </p>
        {committedCount == null ? (
          <button type="button" onClick={onCommit} disabled={committing || plan.assignments.length === 0}>
            {committing ? 'Committing…' : 'Commit this plan'}
          </button>
        ) : null}
      </section>
      <section aria-labelledby="fairness-heading">
        <h2 id="fairness-heading">Fairness by FSM band</h2>
        <FairnessChart groups={plan.fairness.groups} />
      </section>
      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">Who goes where</h2>
        {plan.assignments.length === 0 ? <Empty>The plan places nobody: see the unmet needs below.</Empty> : null}
        <TableScroll label="Planned deployments">
          <table>
            <caption className="visually-hidden">Planned deployments</caption>
            <thead>
              <tr>
                <th scope="col">School in need</th>
                <th scope="col">Need</th>
                <th scope="col">Who</th>
                <th scope="col">Days</th>
                <th scope="col">Cost</th>
                <th scope="col">Fit</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {plan.assignments.map((a, i) => (
                <tr key={i}>
                  <th scope="row">
                    {a.need.academy.name} <span className="meta">(FSM {percent(a.need.academy.fsmPercent, 1)})</span>
                  </th>
                  <td>
                    <Link to={`/needs/${encodeURIComponent(a.need.id)}`}>{label(a.need.area)}</Link>
                  </td>
                  <td>
                    {a.staffMember.name} <span className="meta">({a.staffMember.homeAcademy.name})</span>
                  </td>
                  <td>{a.days}</td>
                  <td>
                    {money(a.cost.total)}{' '}
                    <span className="meta">
                      ({a.days} × {money(a.cost.dayRate)} support + {a.days} × {money(a.cost.coverDayRate)} cover)
                    </span>
                  </td>
                  <td>{score(a.fit)}</td>
                  <td>
                    <details>
                      <summary>Factors</summary>
                      <FactorList factors={a.factors} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {plan.budget != null ? (
        <section aria-labelledby="budget-unmet-heading">
          <h2 id="budget-unmet-heading">Unmet because of the budget</h2>
          {byBudget.length === 0 ? <Empty>The budget leaves nothing unmet that capacity could meet.</Empty> : null}
          <ul className="plain-list">
            {byBudget.map((u) => (
              <li key={u.need.id}>
                <Link to={`/needs/${encodeURIComponent(u.need.id)}`}>
                  {label(u.need.area)} at {u.need.academy.name}
                </Link>
                : {u.daysUnmet} of {u.daysRequested} days unmet; supporters still have days, but the money left does not pay for one.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="unmet-heading">
        <h2 id="unmet-heading">{plan.budget != null ? 'Unmet for other reasons' : 'Unmet needs'}</h2>
        {otherUnmet.length === 0 ? <Empty>{plan.budget != null ? 'Nothing else is left unmet.' : 'Every need in scope is fully met by this plan.'}</Empty> : null}
        <ul className="plain-list">
          {otherUnmet.map((u) => (
            <li key={u.need.id}>
              <Link to={`/needs/${encodeURIComponent(u.need.id)}`}>
                {label(u.need.area)} at {u.need.academy.name}
              </Link>
              : {u.daysUnmet} of {u.daysRequested} days unmet, because {UNMET_REASONS[u.reason] ?? label(u.reason)} ({u.eligibleSupporters} eligible supporter{u.eligibleSupporters === 1 ? '' : 's'}).
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
