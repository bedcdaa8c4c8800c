// Offers of help on screen: the teacher's "offer help" form and their offers with status; the
// need page's offers, each with its own explanation and accept / decline (with a reason).
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DEPLOYMENT_SCREENS } from '../api/deployments';
import type { ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { AcceptOfferMutation, DeclineOfferMutation, MyOffersQuery, NeedOffersQuery, OFFER_SCREENS, type OfferFields, OfferSupportMutation, WithdrawOfferMutation } from '../api/offers';
import { days, label, score, since } from '../format';
import { parseWhole } from './number-field';
import { FactorList, ScoreBar } from './score-bar';
import { Empty, ErrorNotice, QueryView } from './states';
import { errorsAt, FieldError, FormErrors, otherErrors } from './user-errors';

type Offer = ResultOf<typeof OfferFields>;

const STATUS_TEXT: Record<string, string> = {
  OPEN: 'Waiting for the improvement lead',
  ACCEPTED: 'Taken up: proposed',
  DECLINED: 'Declined',
  WITHDRAWN: 'Withdrawn',
  CLOSED: 'Closed',
};

const offererName = (o: Offer) => o.staffMember?.name ?? o.supportingAcademy?.name ?? 'someone';

/** "Offer help" on a need the teacher could help with: an optional note and days. */
export function OfferHelpForm({ needId, what, outstanding }: { needId: string; what: string; outstanding: number }) {
  const id = useId();
  const session = useSession();
  // A headteacher may offer their whole school's help instead of their own.
  const schoolId = session?.role === 'HEADTEACHER' ? session.academyId : null;
  const [asSchool, setAsSchool] = useState(false);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [dayCount, setDayCount] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  // A refused offer writes nothing: the list stays as it was, so the refusal is read where it was asked.
  const offer = useGqlMutation(OfferSupportMutation, OFFER_SCREENS, (r) => r.offerSupport.userErrors.length === 0);
  const result = offer.data?.offerSupport;
  const errors = result?.userErrors ?? [];
  if (result?.offer && !errors.length) {
    return (
      <p className="notice notice-success" role="status">
        Offer sent for {what}. The improvement lead will accept it or tell you why not; see “My offers”.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Offer help: ${what}`}>
        Offer help
      </button>
    );
  }
  const dayErrors = localError ? [localError] : errorsAt(errors, 'days');
  const noteErrors = errorsAt(errors, 'note');
  // The school's own refusal (closed, or in a category of concern) belongs to the whole-school choice.
  const schoolErrors = errorsAt(errors, 'academyId');
  return (
    <form
      className="inline-form form-card"
      noValidate
      aria-label={`Offer help: ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseWhole(dayCount, { optional: true });
        if (!parsed.ok) {
          setLocalError(parsed.message);
          return;
        }
        setLocalError(null);
        offer.mutate({ input: { needId, note: note.trim() || null, days: parsed.value, ...(asSchool && schoolId ? { academyId: schoolId } : {}) } });
      }}
    >
      <FormErrors errors={otherErrors(errors, schoolId ? ['days', 'note', 'academyId'] : ['days', 'note'])} />
      {offer.error ? <ErrorNotice error={offer.error} /> : null}
      {schoolId ? (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={asSchool}
              onChange={(e) => setAsSchool(e.target.checked)}
              aria-invalid={schoolErrors.length ? true : undefined}
              aria-describedby={schoolErrors.length ? `${id}-school-error` : undefined}
            />{' '}
            Offer the whole school’s help, not only mine
          </label>
          <FieldError id={`${id}-school-error`} messages={schoolErrors} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>What you would bring (optional)</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={noteErrors.length ? true : undefined} aria-describedby={noteErrors.length ? `${id}-note-error` : undefined} />
        <FieldError id={`${id}-note-error`} messages={noteErrors} />
      </div>
      <div className="field field-inline">
        <label htmlFor={`${id}-days`}>Days you could give (optional, up to {outstanding})</label>
        <input id={`${id}-days`} inputMode="numeric" size={4} value={dayCount} onChange={(e) => setDayCount(e.target.value)} aria-invalid={dayErrors.length ? true : undefined} aria-describedby={dayErrors.length ? `${id}-days-error` : undefined} />
      </div>
      <FieldError id={`${id}-days-error`} messages={dayErrors} />
      <div className="actions">
        <button type="submit" disabled={offer.isPending}>
          {offer.isPending ? 'Sending…' : 'Send the offer'}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The signed-in person's offers with their status, the reason of a decline, and withdraw. */
export function MyOffers() {
  const mine = useGqlQuery(MyOffersQuery, {});
  const withdraw = useGqlMutation(WithdrawOfferMutation, OFFER_SCREENS);
  const withdrawErrors = withdraw.data?.withdrawOffer.userErrors ?? [];
  return (
    <QueryView query={mine} what="your offers">
      {(data) => {
        if (!data.myOffers.length) return <Empty>You have not offered help yet. Use “Offer help” on a need below.</Empty>;
        return (
          <>
            <FormErrors errors={withdrawErrors} />
            {withdraw.error ? <ErrorNotice error={withdraw.error} /> : null}
            <ul className="card-list">
              {data.myOffers.map((o) => (
                <li key={o.id}>
                  <article className="card offer-card" aria-label={`Offer: ${label(o.need.area)} at ${o.need.academy.name}`}>
                    <header className="card-header">
                      <h3 className="h3-like">
                        {label(o.need.area)} at {o.need.academy.name}
                      </h3>
                      <span className={`badge badge-wrap offer-${o.status.toLowerCase()}`}>{STATUS_TEXT[o.status] ?? label(o.status)}</span>
                    </header>
                    <p className="meta">
                      Offered {since(o.offeredAt)} ago{o.days ? ` · ${days(o.days)}` : ''}
                      {o.kind === 'ACADEMY' ? ` · for ${o.supportingAcademy?.name ?? 'your school'}` : ''}
                    </p>
                    {o.decision?.reason ? (
                      <p>
                        <strong>Reason:</strong> {o.decision.reason}
                      </p>
                    ) : null}
                    {o.deployment ? (
                      <p>
                        <Link to={`/deployments/${encodeURIComponent(o.deployment.id)}`}>The proposal ({label(o.deployment.status)})</Link>
                      </p>
                    ) : null}
                    {o.status === 'OPEN' ? (
                      <button type="button" className="button-secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ input: { id: o.id } })} aria-label={`Withdraw the offer: ${label(o.need.area)} at ${o.need.academy.name}`}>
                        Withdraw
                      </button>
                    ) : null}
                  </article>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </QueryView>
  );
}

type NeedOffer = NonNullable<Extract<NonNullable<ResultOf<typeof NeedOffersQuery>['node']>, { offers: unknown }>['offers']>[number];

/** The need page's offers: open ones first, each with its explanation, accept and decline. */
export function NeedOffers({ needId, outstanding }: { needId: string; outstanding: number }) {
  const offers = useGqlQuery(NeedOffersQuery, { id: needId });
  // Kept here, not in the card: an accepted or declined offer leaves the open list at once.
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
    {done ? (
      <p className="notice notice-success" role="status">
        {done}
      </p>
    ) : null}
    <QueryView query={offers} what="the offers of help">
      {(data) => {
        const list = data.node && 'offers' in data.node ? data.node.offers : [];
        if (!list.length) return <Empty>No offers of help yet.</Empty>;
        const open = list.filter((o) => o.status === 'OPEN');
        const decided = list.filter((o) => o.status !== 'OPEN');
        return (
          <>
            {open.length === 0 ? <Empty>No open offers.</Empty> : null}
            <ul className="card-list">
              {open.map((o) => (
                <li key={o.id}>
                  <OfferCard offer={o} outstanding={outstanding} onDone={setDone} />
                </li>
              ))}
            </ul>
            {decided.length ? (
              <details>
                <summary>Decided offers: {decided.length}</summary>
                <ul className="plain-list">
                  {decided.map((o) => (
                    <li key={o.id}>
                      {offererName(o)}: {label(o.status)}
                      {o.decision?.reason ? ` (${o.decision.reason})` : ''}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        );
      }}
    </QueryView>
    </>
  );
}

function OfferCard({ offer: o, outstanding, onDone }: { offer: NeedOffer; outstanding: number; onDone: (message: string) => void }) {
  const id = useId();
  const name = offererName(o);
  const e = o.explanation;
  const [mode, setMode] = useState<'none' | 'accept' | 'decline'>('none');
  const [dayCount, setDayCount] = useState(String(Math.max(1, Math.min(o.days ?? outstanding, outstanding))));
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const accept = useGqlMutation(AcceptOfferMutation, [...OFFER_SCREENS, ...DEPLOYMENT_SCREENS]);
  const decline = useGqlMutation(DeclineOfferMutation, OFFER_SCREENS);
  const acceptErrors = accept.data?.acceptOffer.userErrors ?? [];
  const declineErrors = decline.data?.declineOffer.userErrors ?? [];
  const dayErrors = localError ? [localError] : errorsAt(acceptErrors, 'days');
  const reasonErrors = errorsAt(declineErrors, 'reason');
  return (
    <article className="card offer-card" aria-label={`Offer from ${name}`}>
      <header className="card-header">
        <h3>Offer from {name}</h3>
        {e?.score != null ? <span className="score">score {score(e.score)}</span> : null}
      </header>
      <p className="meta">
        {o.staffMember ? `${o.staffMember.homeAcademy.name} · ` : 'The whole school · '}
        offered {since(o.offeredAt)} ago{o.days ? ` · ${days(o.days)} offered` : ''}
        {e?.distanceKm != null ? ` · ${e.distanceKm.toFixed(1)} km away` : ''}
      </p>
      {o.note ? <p>“{o.note}”</p> : null}
      {e?.excludedFor ? (
        <p className="notice notice-warning">
          Excluded by the ranking: {label(e.excludedFor).toLowerCase()}. Accepting it would be refused for this reason.
        </p>
      ) : null}
      {e && e.score != null ? (
        <>
          <ScoreBar factors={e.factors} total={e.score} max={1} />
          <FactorList factors={e.factors} />
        </>
      ) : null}
      <FormErrors errors={[...otherErrors(acceptErrors, ['days']), ...otherErrors(declineErrors, ['reason'])]} />
      {accept.error ? <ErrorNotice error={accept.error} /> : null}
      {decline.error ? <ErrorNotice error={decline.error} /> : null}
      {mode === 'none' ? (
        <p className="actions">
          <button type="button" onClick={() => setMode('accept')} aria-label={`Accept as a proposal: the offer from ${name}`}>
            Accept as a proposal
          </button>
          <button type="button" className="button-secondary" onClick={() => setMode('decline')} aria-label={`Decline the offer from ${name}`}>
            Decline
          </button>
        </p>
      ) : null}
      {mode === 'accept' ? (
        <form
          className="inline-form"
          noValidate
          aria-label={`Accept the offer from ${name}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            const parsed = parseWhole(dayCount);
            if (!parsed.ok) {
              setLocalError(parsed.message);
              return;
            }
            setLocalError(null);
            // Told through the promise: the card unmounts once the offer leaves the open list.
            accept
              .mutateAsync({ input: { id: o.id, days: parsed.value } })
              .then((data) => {
                const made = data.acceptOffer.deployment;
                if (made) onDone(`Accepted the offer from ${name}: proposed for ${days(made.days)}. It now waits for both schools to agree.`);
              })
              .catch(() => undefined); // shown from accept.error
          }}
        >
          <div className="field field-inline">
            <label htmlFor={`${id}-days`}>Days to propose for {name}</label>
            <input id={`${id}-days`} inputMode="numeric" size={4} value={dayCount} onChange={(ev) => setDayCount(ev.target.value)} aria-invalid={dayErrors.length ? true : undefined} aria-describedby={dayErrors.length ? `${id}-days-error` : undefined} />
            <button type="submit" disabled={accept.isPending}>
              {accept.isPending ? 'Proposing…' : `Propose ${name}`}
            </button>
            <button type="button" className="button-secondary" onClick={() => setMode('none')}>
              Cancel
            </button>
          </div>
          <FieldError id={`${id}-days-error`} messages={dayErrors} />
        </form>
      ) : null}
      {mode === 'decline' ? (
        <form
          className="inline-form"
          noValidate
          aria-label={`Decline the offer from ${name}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            decline
              .mutateAsync({ input: { id: o.id, reason } })
              .then((data) => {
                if (data.declineOffer.offer) onDone(`Declined the offer from ${name}. They are told your reason.`);
              })
              .catch(() => undefined); // shown from decline.error
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>Why (the offerer is told)</label>
            <textarea id={`${id}-reason`} value={reason} onChange={(ev) => setReason(ev.target.value)} aria-invalid={reasonErrors.length ? true : undefined} aria-describedby={reasonErrors.length ? `${id}-reason-error` : undefined} />
            <FieldError id={`${id}-reason-error`} messages={reasonErrors} />
          </div>
          <div className="actions">
            <button type="submit" disabled={decline.isPending}>
              {decline.isPending ? 'Declining…' : 'Decline the offer'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setMode('none')}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
