// A deployment as a card, the moves a person may make on it, and the list of steps waiting
// on the signed-in person (waitingForMe).
import { useId, useState } from 'react';
import { Link } from 'react-router';
import {
  AgreeMutation,
  CancelMutation,
  CompleteMutation,
  DeclineMutation,
  DEPLOYMENT_SCREENS,
  type DeploymentFields,
  StartMutation,
  WaitingQuery,
} from '../api/deployments';
import type { ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { date, days, label, since } from '../format';
import { useDraft } from './drafts';
import { Empty, ErrorNotice, QueryView } from './states';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from './user-errors';

export type Deployment = ResultOf<typeof DeploymentFields>;
export type Move = 'agree' | 'release' | 'accept' | 'decline' | 'start' | 'cancel' | 'complete';

const MOVE_TEXT: Record<Exclude<Move, 'complete'>, string> = {
  agree: 'Agree',
  release: 'Agree the release',
  accept: 'Accept the support',
  decline: 'Decline',
  start: 'Start',
  cancel: 'Cancel',
};

export function supporterName(d: Deployment): string {
  return d.staffMember?.name ?? d.supportingAcademy?.name ?? 'a supporter';
}

export function DeploymentCard({ deployment: d, moves = [], flag, headingLevel = 3 }: { deployment: Deployment; moves?: Move[]; flag?: string | null; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const title = `${supporterName(d)} to ${d.receivingAcademy.name}`;
  return (
    <article className={`card deployment-card${flag ? ' card-waiting' : ''}`} aria-label={title}>
      <header className="card-header">
        <Heading className="h3-like">{title}</Heading>
        <span className={`badge status-${d.status.toLowerCase()}`}>{label(d.status)}</span>
      </header>
      {flag ? <p className="badge flag-waiting">{flag}</p> : null}
      <p className="meta">
        <Link to={`/needs/${encodeURIComponent(d.need.id)}`}>{label(d.need.area)}</Link> · {days(d.days)} ·{' '}
        <Link to={`/deployments/${encodeURIComponent(d.id)}`} aria-label={`Agreement and impact: ${supporterName(d)} to ${d.receivingAcademy.name}`}>
          agreement
        </Link>
        {d.staffMember ? ` · from ${d.staffMember.homeAcademy.name}` : ''}
      </p>
      <p className="meta">
        {['COMPLETED', 'DECLINED', 'CANCELLED'].includes(d.status) ? `${label(d.status)} ${since(d.statusSince)} ago` : `${label(d.status)} for ${since(d.statusSince)}`}
        {d.status === 'PROPOSED' ? ` · release ${d.release ? 'agreed' : 'awaited'} · acceptance ${d.acceptance ? 'agreed' : 'awaited'}` : ''}
        {d.startDate ? ` · from ${date(d.startDate)}` : ''}
      </p>
      {d.status === 'COMPLETED' && d.impactRating != null ? (
        <p className="meta">
          Impact {d.impactRating}/4{d.impactEvidence ? `: ${d.impactEvidence}` : ''}
        </p>
      ) : null}
      {moves.length ? <DeploymentMoves deployment={d} moves={moves} /> : null}
    </article>
  );
}

function useMoves() {
  return {
    agree: useGqlMutation(AgreeMutation, DEPLOYMENT_SCREENS),
    decline: useGqlMutation(DeclineMutation, DEPLOYMENT_SCREENS),
    start: useGqlMutation(StartMutation, DEPLOYMENT_SCREENS),
    cancel: useGqlMutation(CancelMutation, DEPLOYMENT_SCREENS),
  };
}

export function DeploymentMoves({ deployment: d, moves }: { deployment: Deployment; moves: Move[] }) {
  const m = useMoves();
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [problem, setProblem] = useState<Error | null>(null);
  const [completing, setCompleting] = useState(false);
  const pending = m.agree.isPending || m.decline.isPending || m.start.isPending || m.cancel.isPending;
  const who = supporterName(d);

  async function run(move: Exclude<Move, 'complete'>) {
    setErrors([]);
    setProblem(null);
    const input = { input: { id: d.id } };
    try {
      const result =
        move === 'decline'
          ? (await m.decline.mutateAsync(input)).declineDeployment
          : move === 'start'
            ? (await m.start.mutateAsync(input)).startDeployment
            : move === 'cancel'
              ? (await m.cancel.mutateAsync(input)).cancelDeployment
              : (await m.agree.mutateAsync(input)).agreeDeployment;
      setErrors(result.userErrors);
    } catch (error) {
      setProblem(error as Error);
    }
  }

  return (
    <div>
      <FormErrors errors={errors} />
      {problem ? <ErrorNotice error={problem} /> : null}
      <div className="actions">
        {moves.map((move) =>
          move === 'complete' ? (
            completing ? null : (
              <button key={move} type="button" onClick={() => setCompleting(true)} aria-label={`Complete ${who}'s support at ${d.receivingAcademy.name}`}>
                Complete with impact
              </button>
            )
          ) : (
            <button
              key={move}
              type="button"
              className={move === 'decline' || move === 'cancel' ? 'button-danger' : undefined}
              disabled={pending}
              onClick={() => void run(move)}
              aria-label={`${MOVE_TEXT[move]}: ${who} to ${d.receivingAcademy.name}`}
            >
              {MOVE_TEXT[move]}
            </button>
          ),
        )}
      </div>
      {completing ? <CompleteForm deployment={d} onClose={() => setCompleting(false)} /> : null}
    </div>
  );
}

const RATINGS = [
  { value: 1, text: '1: little or no impact yet' },
  { value: 2, text: '2: some impact' },
  { value: 3, text: '3: clear impact' },
  { value: 4, text: '4: strong, lasting impact' },
];

/** Completing support records its impact, which feeds the supporter's track record. */
export function CompleteForm({ deployment: d, onClose }: { deployment: Deployment; onClose: () => void }) {
  const id = useId();
  const [draft, setDraft, clearDraft] = useDraft(`complete:${d.id}`, { rating: '', evidence: '' });
  const complete = useGqlMutation(CompleteMutation, DEPLOYMENT_SCREENS);
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const errors = localErrors.length ? localErrors : (complete.data?.completeDeployment.userErrors ?? []);
  const ratingErrors = errorsAt(errors, 'impactRating');
  const evidenceErrors = errorsAt(errors, 'impactEvidence');
  return (
    <form
      className="inline-form form-card"
      noValidate
      aria-label={`Complete ${supporterName(d)}'s support`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.rating) {
          setLocalErrors([{ field: ['impactRating'], message: 'Choose how much impact the support had.', code: 'REQUIRED' }]);
          return;
        }
        setLocalErrors([]);
        complete.mutate(
          { input: { id: d.id, impactRating: Number(draft.rating), impactEvidence: draft.evidence } },
          {
            onSuccess: (data) => {
              if (data.completeDeployment.deployment && !data.completeDeployment.userErrors.length) {
                clearDraft();
                onClose();
              }
            },
          },
        );
      }}
    >
      <FormErrors errors={otherErrors(errors, ['impactRating', 'impactEvidence'])} />
      {complete.error ? <ErrorNotice error={complete.error} /> : null}
      <fieldset aria-describedby={ratingErrors.length ? `${id}-rating-error` : undefined}>
        <legend>Impact</legend>
        {RATINGS.map((r) => (
          <label key={r.value} className="radio">
            <input type="radio" name={`${id}-rating`} value={r.value} checked={draft.rating === String(r.value)} onChange={() => setDraft((x) => ({ ...x, rating: String(r.value) }))} />{' '}
            {r.text}
          </label>
        ))}
        <FieldError id={`${id}-rating-error`} messages={ratingErrors} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-evidence`}>What changed, and how you know</label>
        <textarea
          id={`${id}-evidence`}
          value={draft.evidence}
          onChange={(e) => setDraft((x) => ({ ...x, evidence: e.target.value }))}
          aria-invalid={evidenceErrors.length ? true : undefined}
          aria-describedby={evidenceErrors.length ? `${id}-evidence-error` : undefined}
        />
        <FieldError id={`${id}-evidence-error`} messages={evidenceErrors} />
      </div>
      <div className="actions">
        <button type="submit" disabled={complete.isPending}>
          {complete.isPending ? 'Saving…' : 'Complete the deployment'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Not now
        </button>
      </div>
    </form>
  );
}

/** What each kind of step asks of the person, in their words (the API's `action` is the fallback). */
const KIND_TEXT: Record<string, string> = {
  RELEASE: 'Agree to release your colleague',
  ACCEPTANCE: 'Accept this support for your school',
  START: 'Start the agreed support',
  COMPLETE: 'Complete the support and record its impact',
  OFFER: 'Consider an offer of help',
};

const KIND_MOVES: Record<string, Move[]> = {
  RELEASE: ['release', 'decline'],
  ACCEPTANCE: ['accept', 'decline'],
  START: ['start'],
  COMPLETE: ['complete'],
};

/** What waits on the signed-in person, longest first, each with its buttons. */
export function WaitingList({ emptyText, kinds }: { emptyText: string; kinds?: string[] }) {
  const waiting = useGqlQuery(WaitingQuery, {});
  return (
    <QueryView query={waiting} what="what waits on you">
      {(data) => {
        const steps = data.waitingForMe.filter((s) => !kinds || kinds.includes(s.kind));
        if (!steps.length) return <Empty>{emptyText}</Empty>;
        return (
          <ul className="card-list">
            {steps.map((step, i) => (
              <li key={`${step.kind}:${step.deployment?.id ?? step.offer?.id ?? i}`}>
                {step.deployment ? (
                  <div>
                    <p className="step-action">
                      <strong>{KIND_TEXT[step.kind] ?? step.action}</strong> <span className="meta">(waiting {since(step.since)})</span>
                    </p>
                    <DeploymentCard deployment={step.deployment} moves={KIND_MOVES[step.kind] ?? []} />
                  </div>
                ) : step.offer && step.need ? (
                  <p className="card">
                    <strong>{KIND_TEXT[step.kind] ?? step.action}</strong> from {step.offer.staffMember?.name ?? step.offer.supportingAcademy?.name ?? 'someone'}:{' '}
                    <Link to={`/needs/${encodeURIComponent(step.need.id)}`}>
                      {label(step.need.area)} at {step.need.academy.name}
                    </Link>{' '}
                    <span className="meta">(waiting {since(step.since)})</span>
                  </p>
                ) : (
                  <p className="card">
                    {step.action} <span className="meta">(waiting {since(step.since)})</span>
                  </p>
                )}
              </li>
            ))}
          </ul>
        );
      }}
    </QueryView>
  );
}
