// One deployment: the agreement between the two schools (objectives, sessions, review date,
// final report) with edit and sign, and both schools' impact ratings.
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { DEPLOYMENT_SCREENS, DeploymentFields } from '../api/deployments';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { supporterName } from '../components/deployments';
import { Empty, ErrorNotice, QueryView } from '../components/states';
import { TextField } from '../components/text-field';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from '../components/user-errors';
import { date, label, money, payer } from '../format';

const DeploymentPageQuery = graphql(
  `
  query DeploymentPage($id: ID!) {
    node(id: $id) {
      ... on Deployment {
        ...DeploymentFields
        agreement {
          objectives
          sessions {
            date
            note
          }
          reviewDate
          finalReport
          version
          signedByBoth
          receivingSignature {
            at
            by {
              role
            }
          }
          supportingSignature {
            at
            by {
              role
            }
          }
          changedAt
        }
        cost {
          days
          dayRate
          coverDayRate
          supportCost
          coverCost
          total
          paidBy
        }
        paidByOverride
        impact {
          supporterRating
          supporterEvidence
          receivingRating
          receivingEvidence
          trackRecordRating
        }
      }
    }
  }
`,
  [DeploymentFields],
);

const UpdateAgreementMutation = graphql(`
  mutation UpdateDeploymentAgreement($input: UpdateDeploymentAgreementInput!) {
    updateDeploymentAgreement(input: $input) {
      deployment {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SignAgreementMutation = graphql(`
  mutation SignDeploymentAgreement($input: SignDeploymentAgreementInput!) {
    signDeploymentAgreement(input: $input) {
      deployment {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SetPaidByMutation = graphql(`
  mutation SetDeploymentPaidBy($input: SetDeploymentPaidByInput!) {
    setDeploymentPaidBy(input: $input) {
      deployment {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RateImpactMutation = graphql(`
  mutation RateDeploymentImpact($input: RateDeploymentImpactInput!) {
    rateDeploymentImpact(input: $input) {
      deployment {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Loaded = Extract<NonNullable<ResultOf<typeof DeploymentPageQuery>['node']>, { agreement: unknown }>;
type Agreement = NonNullable<Loaded['agreement']>;

const SCREENS = ['DeploymentPage', ...DEPLOYMENT_SCREENS];
const ARRANGERS = ['EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD', 'ADMIN'];
const SIGNERS = ['HEADTEACHER', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD', 'ADMIN'];
const RATINGS = [
  { value: 1, text: '1: little impact' },
  { value: 2, text: '2: some impact' },
  { value: 3, text: '3: clear impact' },
  { value: 4, text: '4: strong, lasting impact' },
];

export default function DeploymentPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const deployment = useGqlQuery(DeploymentPageQuery, { id });
  return (
    <div className="page page-narrow">
      <QueryView query={deployment} what="the deployment">
        {(data) => {
          const d = data.node && 'agreement' in data.node ? data.node : null;
          if (!d) return <Empty>No deployment has this address.</Empty>;
          const ended = d.status === 'DECLINED' || d.status === 'CANCELLED';
          return (
            <>
              <h1>
                {supporterName(d)} to {d.receivingAcademy.name}
              </h1>
              <p className="lede">
                <span className={`badge status-${d.status.toLowerCase()}`}>{label(d.status)}</span> {label(d.need.area)} ·{' '}
                {d.days} day{d.days === 1 ? '' : 's'}
                {session && ['IMPROVEMENT_LEAD', 'ADMIN', 'EXECUTIVE_HEAD'].includes(session.role) ? (
                  <>
                    {' '}
                    · <Link to={`/needs/${encodeURIComponent(d.need.id)}`}>the need</Link>
                  </>
                ) : null}
              </p>
              <section aria-labelledby="cost-heading">
                <h2 id="cost-heading">Cost</h2>
                <p className="cost-line">
                  Costs {money(d.cost.total)}: support {money(d.cost.supportCost)} ({d.days} × {money(d.cost.dayRate)}, paid by {payer(d.cost.paidBy)}) and cover{' '}
                  {money(d.cost.coverCost)} ({d.days} × {money(d.cost.coverDayRate)}, paid by the releasing school), at the rates when it was proposed (today’s rates for deployments proposed before rates were kept).
                </p>
                {session && ARRANGERS.includes(session.role) && !ended ? <PaidByForm deploymentId={d.id} override={d.paidByOverride ?? null} /> : null}
              </section>
              <section aria-labelledby="agreement-heading">
                <h2 id="agreement-heading">Agreement</h2>
                <AgreementView deploymentId={d.id} agreement={d.agreement} canSign={!!session && SIGNERS.includes(session.role)} ended={ended} />
              </section>
              <section aria-labelledby="impact-heading">
                <h2 id="impact-heading">Impact</h2>
                <dl className="facts">
                  <dt>Rated by the supporter</dt>
                  <dd>{d.impact.supporterRating != null ? `${d.impact.supporterRating}/4${d.impact.supporterEvidence ? `: ${d.impact.supporterEvidence}` : ''}` : 'not yet'}</dd>
                  <dt>Rated by the receiving school</dt>
                  <dd>{d.impact.receivingRating != null ? `${d.impact.receivingRating}/4${d.impact.receivingEvidence ? `: ${d.impact.receivingEvidence}` : ''}` : 'not yet'}</dd>
                  <dt>Counted in the track record</dt>
                  <dd>{d.impact.trackRecordRating != null ? `${d.impact.trackRecordRating}/4` : 'nothing yet'}</dd>
                </dl>
                <p className="hint">The track record counts the mean of both ratings; the school’s alone when only it has rated.</p>
                {d.status === 'COMPLETED' && session && SIGNERS.includes(session.role) ? <RateImpactForm deploymentId={d.id} /> : null}
              </section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function PaidByForm({ deploymentId, override }: { deploymentId: string; override: string | null }) {
  const id = useId();
  const [choice, setChoice] = useState(override ?? '');
  const set = useGqlMutation(SetPaidByMutation, SCREENS);
  const errors = set.data?.setDeploymentPaidBy.userErrors ?? [];
  const paidByErrors = errorsAt(errors, 'paidBy');
  const done = !!set.data?.setDeploymentPaidBy.deployment && !errors.length;
  return (
    <form
      className="toolbar"
      aria-label="Who pays for this deployment"
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ input: { deploymentId, paidBy: choice === '' ? null : (choice as 'RECEIVING_SCHOOL' | 'TRUST') } });
      }}
    >
      <div className="field field-inline">
        <label htmlFor={`${id}-paid-by`}>Who pays for the support</label>
        <select
          id={`${id}-paid-by`}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-invalid={paidByErrors.length ? true : undefined}
          aria-describedby={paidByErrors.length ? `${id}-paid-by-error` : undefined}
        >
          <option value="">The trust’s rule</option>
          <option value="RECEIVING_SCHOOL">The receiving school</option>
          <option value="TRUST">The trust</option>
        </select>
        <FieldError id={`${id}-paid-by-error`} messages={paidByErrors} />
      </div>
      <button type="submit" disabled={set.isPending}>
        {set.isPending ? 'Saving…' : 'Save who pays'}
      </button>
      <FormErrors errors={otherErrors(errors, ['paidBy'])} />
      {set.error ? <ErrorNotice error={set.error} /> : null}
      {done ? (
        <p className="notice notice-success" role="status">
          {choice === '' ? 'Saved: the trust’s rule decides who pays.' : `Saved: the support is paid by ${payer(choice)}.`}
        </p>
      ) : null}
    </form>
  );
}

function signedText(signature: Agreement['receivingSignature']): string {
  return signature ? `signed ${date(signature.at)} (${label(signature.by.role).toLowerCase()})` : 'awaited';
}

function AgreementView({ deploymentId, agreement: a, canSign, ended }: { deploymentId: string; agreement: Agreement | null; canSign: boolean; ended: boolean }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const sign = useGqlMutation(SignAgreementMutation, SCREENS);
  const signErrors = sign.data?.signDeploymentAgreement.userErrors ?? [];
  if (editing) {
    return (
      <AgreementForm
        deploymentId={deploymentId}
        agreement={a}
        onDone={(message) => {
          setEditing(false);
          setSaved(message);
        }}
      />
    );
  }
  return (
    <>
      {saved ? (
        <p className="notice notice-success" role="status">
          {saved}
        </p>
      ) : null}
      {!a ? <Empty>No agreement written yet: objectives, planned sessions and a review date, for both schools to sign.</Empty> : null}
      {a ? (
        <div className="card">
          <h3>Objectives</h3>
          <ul>
            {a.objectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
          <h3>Planned sessions</h3>
          {a.sessions.length ? (
            <ul>
              {a.sessions.map((s, i) => (
                <li key={i}>
                  {date(s.date)}
                  {s.note ? `: ${s.note}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>None planned yet.</Empty>
          )}
          <dl className="facts">
            <dt>Review date</dt>
            <dd>{a.reviewDate ? date(a.reviewDate) : 'not set'}</dd>
            <dt>Final report</dt>
            <dd>{a.finalReport ?? 'not written yet'}</dd>
            <dt>Version</dt>
            <dd>{a.version}</dd>
            <dt>Receiving school</dt>
            <dd>{signedText(a.receivingSignature)}</dd>
            <dt>Supporting school</dt>
            <dd>{signedText(a.supportingSignature)}</dd>
          </dl>
          <p className={`badge badge-wrap ${a.signedByBoth ? 'status-completed' : 'status-proposed'}`}>{a.signedByBoth ? 'Signed by both schools' : 'Waiting for signatures'}</p>
        </div>
      ) : null}
      <FormErrors errors={signErrors} />
      {sign.error ? <ErrorNotice error={sign.error} /> : null}
      {!ended ? (
        <p className="actions">
          <button type="button" className={a ? 'button-secondary' : undefined} onClick={() => setEditing(true)}>
            {a ? 'Edit the agreement' : 'Write the agreement'}
          </button>
          {a && canSign && !a.signedByBoth ? (
            <button type="button" disabled={sign.isPending} onClick={() => sign.mutate({ input: { id: deploymentId, version: a.version } })}>
              {sign.isPending ? 'Signing…' : `Sign version ${a.version}`}
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/** "2031-01-13 audit" per line, into sessions; the first line that is not one, as an error. */
function parseSessions(text: string): { ok: true; sessions: { date: string; note: string | null }[] } | { ok: false; message: string } {
  const sessions = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(line);
    if (!m) return { ok: false, message: `“${line}” does not start with a date such as 2031-01-13.` };
    sessions.push({ date: m[1]!, note: m[2]!.trim() || null });
  }
  return { ok: true, sessions };
}

function AgreementForm({ deploymentId, agreement: a, onDone }: { deploymentId: string; agreement: Agreement | null; onDone: (message: string) => void }) {
  const id = useId();
  const [objectives, setObjectives] = useState((a?.objectives ?? []).join('\n'));
  const [sessions, setSessions] = useState((a?.sessions ?? []).map((s) => `${s.date}${s.note ? ` ${s.note}` : ''}`).join('\n'));
  const [reviewDate, setReviewDate] = useState(a?.reviewDate ?? '');
  const [finalReport, setFinalReport] = useState(a?.finalReport ?? '');
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const update = useGqlMutation(UpdateAgreementMutation, SCREENS);
  const errors = localErrors.length ? localErrors : (update.data?.updateDeploymentAgreement.userErrors ?? []);
  // "objectives.1: ..." is shown at the objectives field.
  const objectiveErrors = errors.filter((e) => e.field?.[0] === 'objectives').map((e) => e.message.replace(/^objectives(\.\d+)?:\s*/, ''));
  const sessionErrors = [...errorsAt(errors, 'sessions'), ...errors.filter((e) => e.field?.[0] === 'sessions' && e.field.length > 1).map((e) => e.message)];
  const reviewErrors = errorsAt(errors, 'reviewDate');
  const reportErrors = errorsAt(errors, 'finalReport');
  return (
    <form
      className="form-card"
      noValidate
      aria-label="The agreement"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseSessions(sessions);
        if (!parsed.ok) {
          setLocalErrors([{ field: ['sessions'], message: parsed.message, code: 'INVALID' }]);
          return;
        }
        setLocalErrors([]);
        update
          .mutateAsync({
            input: {
              id: deploymentId,
              objectives: objectives.split('\n').map((l) => l.trim()).filter(Boolean),
              sessions: parsed.sessions,
              reviewDate: reviewDate || null,
              finalReport: finalReport.trim() || null,
              expectedVersion: a?.version ?? 0,
            },
          })
          .then((data) => {
            if (data.updateDeploymentAgreement.deployment && !data.updateDeploymentAgreement.userErrors.length) {
              onDone(a ? 'Agreement saved. If it changed, both schools sign it again.' : 'Agreement saved: both schools can now sign it.');
            }
          })
          .catch(() => undefined); // shown from update.error
      }}
    >
      {a && (a.receivingSignature || a.supportingSignature) ? (
        <p className="notice notice-warning">Changing a signed agreement clears both signatures: both schools sign it again.</p>
      ) : null}
      <FormErrors errors={otherErrors(errors, ['sessions', 'reviewDate', 'finalReport']).filter((e) => e.field?.[0] !== 'objectives' && e.field?.[0] !== 'sessions')} />
      {update.error ? <ErrorNotice error={update.error} /> : null}
      <TextField id={`${id}-objectives`} kind="textarea" label="Objectives (one per line)" value={objectives} onChange={setObjectives} messages={objectiveErrors} />
      <TextField
        id={`${id}-sessions`}
        kind="textarea"
        label="Planned sessions (one per line: a date, then what it is for)"
        placeholder="2031-01-13 audit of maths teaching"
        value={sessions}
        onChange={setSessions}
        messages={sessionErrors}
      />
      <TextField id={`${id}-review`} kind="date" label="Review date" value={reviewDate} onChange={setReviewDate} messages={reviewErrors} />
      <TextField id={`${id}-report`} kind="textarea" label="Final report" value={finalReport} onChange={setFinalReport} messages={reportErrors} />
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the agreement'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RateImpactForm({ deploymentId }: { deploymentId: string }) {
  const id = useId();
  const [rating, setRating] = useState('');
  const [evidence, setEvidence] = useState('');
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const rate = useGqlMutation(RateImpactMutation, SCREENS);
  const errors = localErrors.length ? localErrors : (rate.data?.rateDeploymentImpact.userErrors ?? []);
  const ratingErrors = errorsAt(errors, 'rating');
  const evidenceErrors = errorsAt(errors, 'evidence');
  const done = rate.data?.rateDeploymentImpact.deployment && !errors.length;
  return (
    <form
      className="form-card"
      noValidate
      aria-label="The receiving school's rating"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) {
          setLocalErrors([{ field: ['rating'], message: 'Choose how much impact the support had.', code: 'REQUIRED' }]);
          return;
        }
        setLocalErrors([]);
        rate.mutate({ input: { id: deploymentId, rating: Number(rating), evidence } });
      }}
    >
      <h3>The receiving school’s rating</h3>
      {done ? (
        <p className="notice notice-success" role="status">
          Rating saved.
        </p>
      ) : null}
      <FormErrors errors={otherErrors(errors, ['rating', 'evidence'])} />
      {rate.error ? <ErrorNotice error={rate.error} /> : null}
      <fieldset aria-describedby={ratingErrors.length ? `${id}-rating-error` : undefined}>
        <legend>Impact on the school</legend>
        {RATINGS.map((r) => (
          <label key={r.value} className="radio">
            <input type="radio" name={`${id}-rating`} value={r.value} checked={rating === String(r.value)} onChange={() => setRating(String(r.value))} /> {r.text}
          </label>
        ))}
        <FieldError id={`${id}-rating-error`} messages={ratingErrors} />
      </fieldset>
      <TextField id={`${id}-evidence`} kind="textarea" label="What changed at the school" value={evidence} onChange={setEvidence} messages={evidenceErrors} />
      <button type="submit" disabled={rate.isPending}>
        {rate.isPending ? 'Saving…' : 'Save the rating'}
      </button>
    </form>
  );
}
