// Telling an offerer what became of their offer (accepted, declined with the reason, closed
// because the need was met or withdrawn). Written to the outbox under a key of kind, offer and
// address, so a retried request writes each message once.
import { encodeGlobalId } from '../auth/global-id';
import { expertiseAreaInfo, type ExpertiseArea } from '../domain/taxonomy';
import { stores } from '../db/store';
import type { ActorRecord } from '../models/common';
import type { SupportOfferRecord } from '../models/support-offer';
import type { LeanDoc } from '../models/lean';
import { eventKey } from './events';
import { enqueue } from './outbox';
import { digestAddresses } from './preferences';
import { headteachersOf, improvementLeadsOf, type Person, personOfActor, staffPerson } from './recipients';

type OfferLean = LeanDoc<SupportOfferRecord>;

/** A school named in a message (its name, and its trust for who is told), read through the store. */
const academyOf = (id: unknown) => (id ? stores.academies.get(String(id)) : Promise.resolve(null));

export type OfferDecisionKind = 'OFFER_ACCEPTED' | 'OFFER_DECLINED' | 'OFFER_CLOSED';

/** The person who offered (a staff offer) or who offered for their school, else its headteachers. */
async function offerersOf(offer: OfferLean): Promise<Person[]> {
  if (offer.staffId) {
    const person = await staffPerson(offer.staffId);
    return person ? [person] : [];
  }
  const person = await personOfActor(offer.createdBy);
  return person ? [person] : headteachersOf(offer.supportingAcademyId);
}

/** Subject and text of a decision: pure. */
export function composeOfferDecision(kind: OfferDecisionKind, facts: { to: Person; areaLabel: string; school: string; reason: string | null; offerId: string }): { subject: string; text: string } {
  const hello = `Dear ${facts.to.name ?? 'colleague'},`;
  const what = `your offer of ${facts.areaLabel} support for ${facts.school}`;
  const lines =
    kind === 'OFFER_ACCEPTED'
      ? [`Thank you: ${what} has been taken up and proposed. Your school is asked to release you; you will hear when both schools have agreed.`]
      : kind === 'OFFER_DECLINED'
        ? [`${what.replace(/^./, (c) => c.toUpperCase())} was declined.`, `The reason given: ${facts.reason ?? '(none)'}`]
        : [`${what.replace(/^./, (c) => c.toUpperCase())} was closed: ${facts.reason ?? 'the need no longer waits for support'}.`];
  const subject = kind === 'OFFER_ACCEPTED' ? `Your offer was taken up: ${facts.school}` : kind === 'OFFER_DECLINED' ? `Your offer was declined: ${facts.school}` : `Your offer was closed: ${facts.school}`;
  return { subject, text: [hello, '', ...lines, '', `Offer ${facts.offerId}.`].join('\n') };
}

/** Writes the decision's message to the offerer; never to the person who decided. Never throws. */
export async function notifyOfferDecision(offer: OfferLean, kind: OfferDecisionKind, actor: ActorRecord, now: Date, onProblem: (error: unknown) => void = (e) => process.emitWarning(`offer notification not written: ${String(e)}`)): Promise<void> {
  try {
    const school = (await academyOf(offer.receivingAcademyId))?.name ?? 'the school';
    const areaLabel = expertiseAreaInfo(offer.area as ExpertiseArea).label;
    const actorEmail = (await personOfActor(actor))?.email.toLowerCase();
    const offerId = encodeGlobalId('SupportOffer', offer._id);
    const emails = (await offerersOf(offer))
      .filter((p) => p.email.toLowerCase() !== actorEmail)
      .map((to) => ({ key: eventKey(kind, String(offer._id), to.email), kind, to: to.email, ...composeOfferDecision(kind, { to, areaLabel, school, reason: offer.decision?.reason ?? null, offerId }) }));
    await enqueue(emails, actor, now, await digestAddresses(emails.map((e) => e.to)));
  } catch (error) {
    onProblem(error);
  }
}

/**
 * An offer now waits on the receiving school's trust's improvement leads (in the user
 * directory): each is told who offered and where to consider it. Never throws.
 */
export async function notifyOfferMade(offer: OfferLean, actor: ActorRecord, now: Date, onProblem: (error: unknown) => void = (e) => process.emitWarning(`offer notification not written: ${String(e)}`)): Promise<void> {
  try {
    const school = await academyOf(offer.receivingAcademyId);
    const offerer = offer.staffId
      ? ((await staffPerson(offer.staffId))?.name ?? 'A member of staff')
      : (await academyOf(offer.supportingAcademyId))?.name ?? 'A school';
    const areaLabel = expertiseAreaInfo(offer.area as ExpertiseArea).label;
    const offerId = encodeGlobalId('SupportOffer', offer._id);
    const needId = encodeGlobalId('ImprovementNeed', offer.needId);
    const actorEmail = (await personOfActor(actor))?.email.toLowerCase();
    const emails = (await improvementLeadsOf(school?.trustId ?? null))
      .filter((p) => p.email.toLowerCase() !== actorEmail)
      .map((to) => ({
        key: eventKey('OFFER_MADE', String(offer._id), to.email),
        kind: 'OFFER_MADE',
        to: to.email,
        subject: `An offer of help waits on you: ${offerer} for ${school?.name ?? 'a school'}`,
        text: [
          `Dear ${to.name ?? 'colleague'},`,
          '',
          `${offerer} has offered ${areaLabel} support for ${school?.name ?? 'a school'}${offer.days ? ` (${offer.days} day${offer.days === 1 ? '' : 's'})` : ''}.`,
          offer.note ? `Their note: ${offer.note}` : '',
          'Accept it as a proposal, or decline it with a reason they will see: open the need\'s page, or "Waiting for me".',
          '',
          `Need ${needId}, offer ${offerId}.`,
        ].join('\n'),
      }));
    await enqueue(emails, actor, now, await digestAddresses(emails.map((e) => e.to)));
  } catch (error) {
    onProblem(error);
  }
}
