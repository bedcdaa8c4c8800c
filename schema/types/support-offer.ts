// Offers of help (server/services/offers.ts): the SupportOffer type, a need's offers, the
// caller's own offers, and the four mutations.
import type { ActorRecord } from '../../server/services/read/records';
import { OFFER_STATUSES } from '../../server/services/read/offers';
import { InvalidInputError } from '../../server/domain/errors';
import { acceptOffer, declineOffer, offerSupport, withdrawOffer, type AcceptedOffer } from '../../server/services/offers';
import { explainOffer, type OfferExplanation } from '../../server/services/ranking';
import { OFFER_READERS, offersOfNeeds, offersOfViewer } from '../../server/services/read/offers';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { decodeIds } from '../ids';
import { MAX_PAGE_SIZE } from '../pagination';
import { payloadType, toPayload, type Payload } from '../payloads';
import { mayReadOfferOf, readableOffers } from '../personal-data';
import { AcademyRef, DeploymentRef, ImprovementNeedRef, type OfferShape, StaffMemberRef, SupportOfferRef } from '../refs';
import { viewerOf } from '../viewer';
import { ActorType } from './deployment';
import { CandidateKindEnum, ExclusionReasonEnum } from './enums';
import { ScoreFactorType } from './score-factor';
import { UserErrorType } from './user-error';

export const OfferStatusEnum = builder.enumType('OfferStatus', {
  description: 'Where an offer of help stands.',
  values: {
    OPEN: { value: 'OPEN', description: 'Waits on whoever may propose for the need.' },
    ACCEPTED: { value: 'ACCEPTED', description: 'Turned into a proposal (see deployment).' },
    DECLINED: { value: 'DECLINED', description: 'Declined, with a reason (see decision).' },
    WITHDRAWN: { value: 'WITHDRAWN', description: 'Taken back by the offerer.' },
    CLOSED: { value: 'CLOSED', description: 'The need was met or withdrawn meanwhile (see decision).' },
  } satisfies Record<(typeof OFFER_STATUSES)[number], unknown>,
});

type Decision = { by: ActorRecord; at: Date; reason?: string | null };
const OfferDecisionType = builder.objectRef<Decision>('OfferDecision').implement({
  description: 'Who decided an offer (accepted, declined, withdrew, closed), when, and why.',
  fields: (t) => ({
    by: t.field({ type: ActorType, description: 'Who decided.', resolve: (d) => d.by }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (d) => d.at }),
    reason: t.string({ nullable: true, description: 'The reason given (a decline, or why it was closed); the offerer sees it.', resolve: (d) => d.reason ?? null }),
  }),
});

const OfferExplanationType = builder.objectRef<OfferExplanation>('OfferExplanation').implement({
  description:
    "Why the offerer fits the need, or does not: the explanation the offerer's own \"where could I help most\" (rankNeedsForStaff) gives for this need, computed now.",
  fields: (t) => ({
    score: t.float({ nullable: true, description: 'Score of the need for the offerer (fit plus the need’s priority); null when a hard constraint excludes them.', resolve: (e) => e.score }),
    factors: t.field({ type: [ScoreFactorType], description: 'Factor contributions, adding up to the score (empty when excluded).', resolve: (e) => e.factors.map((f) => ({ ...f, detail: f.detail ?? null })) }),
    distanceKm: t.float({ nullable: true, description: 'Distance in km, when both places are known.', resolve: (e) => e.distanceKm }),
    excludedFor: t.field({ type: ExclusionReasonEnum, nullable: true, description: 'The hard constraint that excludes the offerer from this need, if any: accepting the offer would be refused for it.', resolve: (e) => e.excludedFor }),
  }),
});

SupportOfferRef.implement({
  description: `An offer of help on a need: a staff member offering themself, or a headteacher offering their school. Readable by ${OFFER_READERS}.`,
  authScopes: (offer, context) => mayReadOfferOf(context, offer),
  fields: (t) => ({
    need: t.field({ type: ImprovementNeedRef, description: 'The need offered on.', resolve: (o) => o.needId.toString() }),
    kind: t.field({ type: CandidateKindEnum, description: 'STAFF: a person offers themself; ACADEMY: a school offers itself.', resolve: (o) => (o.staffId ? 'STAFF' : 'ACADEMY') }),
    staffMember: t.field({ type: StaffMemberRef, nullable: true, description: 'The person offering, for a STAFF offer.', resolve: (o) => o.staffId?.toString() ?? null }),
    supportingAcademy: t.field({ type: AcademyRef, nullable: true, description: 'The school offering, for an ACADEMY offer.', resolve: (o) => o.supportingAcademyId?.toString() ?? null }),
    note: t.string({ nullable: true, description: "The offerer's note.", resolve: (o) => o.note ?? null }),
    days: t.int({ nullable: true, description: 'Days offered; null: as many as the need still wants.', resolve: (o) => o.days ?? null }),
    status: t.field({ type: OfferStatusEnum, description: 'Where it stands.', resolve: (o) => o.status }),
    offeredAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (o) => (o as OfferShape & { createdAt: Date }).createdAt }),
    statusSince: t.field({ type: 'DateTime', description: 'When it reached its status.', resolve: (o) => o.statusSince }),
    decision: t.field({ type: OfferDecisionType, nullable: true, description: 'Who decided it and why (null while OPEN).', resolve: (o) => (o.decision as Decision | null) ?? null }),
    deployment: t.field({ type: DeploymentRef, nullable: true, description: 'The proposal it became, once ACCEPTED.', resolve: (o) => o.deploymentId?.toString() ?? null }),
    explanation: t.field({
      type: OfferExplanationType,
      nullable: true,
      description: 'Why the offerer fits the need (or which hard constraint excludes them), as their own ranking explains it now. Null when the need or the offerer is no longer on record.',
      resolve: (o) => explainOffer(o),
    }),
  }),
});

builder.objectField(ImprovementNeedRef, 'offers', (t) =>
  t.field({
    type: [SupportOfferRef],
    description: `Offers of help on this need, oldest first, those the caller may read (${OFFER_READERS}). Requires a token.`,
    authScopes: { authenticated: true },
    args: { status: t.arg({ type: [OfferStatusEnum], description: 'Only offers in these statuses (all when absent or empty).' }) },
    resolve: async (need, args, context) => {
      const [offers] = await offersOfNeeds([need._id.toString()], args.status ?? []);
      return readableOffers(context, offers ?? []);
    },
  }),
);

const DEFAULT_OFFERS = 50;
builder.queryField('myOffers', (t) =>
  t.field({
    type: [SupportOfferRef],
    description: "The caller's own offers of help, newest first: as a person (a staff token), and a HEADTEACHER's offers for their school. Requires a token.",
    authScopes: { authenticated: true },
    args: {
      status: t.arg({ type: [OfferStatusEnum], description: 'Only offers in these statuses (all when absent or empty).' }),
      first: t.arg.int({ defaultValue: DEFAULT_OFFERS, description: `At most this many (1-${MAX_PAGE_SIZE}, default ${DEFAULT_OFFERS}).` }),
    },
    resolve: (_root, args, context) => {
      const first = args.first ?? DEFAULT_OFFERS;
      if (first < 1 || first > MAX_PAGE_SIZE) throw new InvalidInputError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
      return offersOfViewer(viewerOf(context), args.status ?? [], first);
    },
  }),
);

const OfferSupportInput = builder.inputType('OfferSupportInput', {
  description: 'An offer of help on an open need: the caller offers themself, or (academyId) a headteacher offers their school.',
  fields: (t) => ({
    needId: t.id({ required: true, description: 'The need (OPEN).' }),
    academyId: t.id({ description: "The caller's own school, to offer the whole school's help (HEADTEACHER only); absent: the caller offers themself." }),
    note: t.string({ description: 'What the offerer brings, for whoever considers it (at most 2000 characters).' }),
    days: t.int({ description: 'Days offered (1-200, at most the days the need still wants); absent: as many as it wants.' }),
  }),
});

const OfferPayload = (name: string, verb: string) => payloadType(name, 'offer', SupportOfferRef, `Result of ${verb}.`);

inputMutation('offerSupport', {
  description:
    'Offers help on an OPEN need: a staff member for themself, or a HEADTEACHER for their school (academyId). User errors: NEED_NOT_OPEN (met, matched or withdrawn), DUPLICATE_OFFER (an open offer by the same supporter), STAFF_LEFT, EXCEEDS_NEED, ACADEMY_CLOSED and CATEGORY_OF_CONCERN (the offering school, or the offerer’s own school, has closed or is in an Ofsted category of concern, so it lends nobody: at academyId for a school’s offer, no field for a person’s). Whoever may propose for the need sees it (waitingForMe kind OFFER). Audited.',
  input: OfferSupportInput,
  inputDescription: 'The need, and optionally the school, a note and the days.',
  payload: OfferPayload('OfferSupportPayload', 'offerSupport'),
  resolve: outcomeOf(offerSupport, { needId: 'ImprovementNeed', academyId: 'Academy' }),
});

const OfferIdInput = builder.inputType('OfferIdInput', {
  description: 'The offer.',
  fields: (t) => ({ id: t.id({ required: true, description: 'SupportOffer.' }) }),
});

inputMutation('withdrawOffer', {
  description: 'Withdraws an OPEN offer: the person who offered, or the headteacher of the offering school. OFFER_NOT_OPEN once decided. Audited.',
  input: OfferIdInput,
  inputDescription: 'The offer.',
  payload: OfferPayload('WithdrawOfferPayload', 'withdrawOffer'),
  resolve: outcomeOf(withdrawOffer, { id: 'SupportOffer' }),
});

const DeclineOfferInput = builder.inputType('DeclineOfferInput', {
  description: 'An offer to decline, and why.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'SupportOffer.' }),
    reason: t.string({ required: true, description: 'Why (3-1000 characters): the offerer is emailed it and sees it on the offer.' }),
  }),
});

inputMutation('declineOffer', {
  description: "Declines an OPEN offer with a reason the offerer is told (by email and on the offer): the trust's IMPROVEMENT_LEAD or the hub's EXECUTIVE_HEAD of the school in need, or ADMIN. Audited.",
  input: DeclineOfferInput,
  inputDescription: 'The offer and the reason.',
  payload: OfferPayload('DeclineOfferPayload', 'declineOffer'),
  resolve: outcomeOf(declineOffer, { id: 'SupportOffer' }),
});

const AcceptOfferInput = builder.inputType('AcceptOfferInput', {
  description: 'An offer to turn into a proposal, with what the proposal needs beyond the offer.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'SupportOffer (OPEN).' }),
    days: t.int({ description: "Days to reserve; absent: the days offered, or else the days the need still wants (at most those)." }),
    startDate: t.field({ type: 'Date', description: 'Planned start.' }),
    endDate: t.field({ type: 'Date', description: 'Planned end.' }),
  }),
});

const AcceptOfferPayload = builder.objectRef<Payload<AcceptedOffer>>('AcceptOfferPayload').implement({
  description: 'Result of acceptOffer.',
  fields: (t) => ({
    offer: t.field({ type: SupportOfferRef, nullable: true, description: 'The offer, now ACCEPTED; null when userErrors is not empty.', resolve: (p) => p.value?.offer ?? null }),
    deployment: t.field({ type: DeploymentRef, nullable: true, description: 'The proposal made from it; null when userErrors is not empty.', resolve: (p) => p.value?.deployment ?? null }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems; when any are present nothing was written and the offer stays OPEN.', resolve: (p) => p.userErrors }),
  }),
});

inputMutation('acceptOffer', {
  description:
    "Turns an OPEN offer into a proposal in one step, through proposeDeployment with every check it makes (its user errors, e.g. INSUFFICIENT_CAPACITY or a hard constraint such as OUT_OF_TRAVEL_RANGE, come back with field id for the supporter or the need, and the offer stays OPEN). Who may propose for the need: the trust's IMPROVEMENT_LEAD, the hub's EXECUTIVE_HEAD, ADMIN. The offerer is emailed. Audited.",
  input: AcceptOfferInput,
  inputDescription: 'The offer, and the days and dates of the proposal.',
  payload: AcceptOfferPayload,
  resolve: async (viewer, input) => toPayload(await acceptOffer(viewer, decodeIds(input, { id: 'SupportOffer' }))),
});
