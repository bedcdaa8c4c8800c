// The email outbox, for an ADMIN: what was sent, what waits, what failed for good (and,
// in development without SMTP_URL, what was caught instead of sent). docs/notifications.md.
import { mayReadOutbox, type OutboxEmailLean, retryEmail } from '../../server/notifications/admin';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../server/services/read/outbox';
import { listOutbox } from '../../server/services/read/outbox';
import { builder } from '../builder';
import { refOf } from '../ids';
import { loadByIds } from '../loaders';
import { keysetConnection } from '../pagination';
import { payloadType, toPayload } from '../payloads';
import { DeploymentRef } from '../refs';
import { viewerOf } from '../viewer';

const STATUS_DOCS: Record<OutboxStatus, string> = {
  PENDING: 'Waiting to be sent (from `nextAttemptAt`): new, or retrying after a failure.',
  SENDING: 'Claimed by a sender right now.',
  SENT: 'Accepted by the mail server.',
  FAILED: 'Kept failing (or the mail server refused it for good); see `lastError`. `retryEmail` sends it again.',
  CAUGHT: 'Development without SMTP_URL: written to the log instead of sent.',
  HELD: "Waiting for its recipient's daily digest.",
  DIGESTED: 'Went out inside a daily digest.',
};

export const EmailStatusEnum = builder.enumType('EmailStatus', {
  description: 'Where an email in the outbox stands.',
  values: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, { value: s, description: STATUS_DOCS[s] }])) as Record<OutboxStatus, { value: OutboxStatus; description: string }>,
});

export const OutboxEmailRef = builder.loadableNodeRef('OutboxEmail', {
  id: { resolve: (doc: OutboxEmailLean) => doc._id.toString() },
  load: loadByIds<OutboxEmailLean>('outboxEmails', 'OutboxEmail'),
});

OutboxEmailRef.implement({
  description: 'An email the service sends (or sent, or could not send). ADMIN only.',
  authScopes: { roles: ['ADMIN'] },
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'What it tells about: RELEASE_WANTED, ACCEPTANCE_WANTED, AGREED, DECLINED, AGREEMENT_CHANGED, AGREEMENT_SIGNED, an offer (OFFER_*), a reminder or a DIGEST.' }),
    to: t.exposeString('to', { description: 'Recipient address.' }),
    subject: t.exposeString('subject', { description: 'Subject line.' }),
    text: t.exposeString('text', { description: 'Plain-text body.' }),
    status: t.field({ type: EmailStatusEnum, description: 'Where it stands.', resolve: (m) => m.status }),
    attempts: t.exposeInt('attempts', { description: 'Delivery attempts begun so far.' }),
    lastError: t.string({ nullable: true, description: 'Why the last attempt failed, if it did.', resolve: (m) => m.lastError ?? null }),
    nextAttemptAt: t.field({ type: 'DateTime', description: 'When it is (or was) next due.', resolve: (m) => m.nextAttemptAt }),
    sentAt: t.field({ type: 'DateTime', nullable: true, description: 'When the mail server accepted it (or it was caught).', resolve: (m) => m.sentAt ?? null }),
    failedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was marked FAILED.', resolve: (m) => m.failedAt ?? null }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was written to the outbox.', resolve: (m) => (m as unknown as { createdAt: Date }).createdAt }),
    deployment: t.field({ type: DeploymentRef, nullable: true, description: 'The deployment it is about, if any.', resolve: (m) => m.deploymentId?.toString() ?? null }),
  }),
});

const EmailOutboxConnection = builder.connectionObject(
  { type: OutboxEmailRef, name: 'OutboxEmailConnection', description: 'A page of the email outbox.' },
  { name: 'OutboxEmailEdge', description: 'One OutboxEmail in a page, with its cursor.' },
);

const EmailOutboxFilter = builder.inputType('EmailOutboxFilter', {
  description: 'Narrows the email outbox.',
  fields: (t) => ({
    status: t.field({ type: [EmailStatusEnum], description: 'Only emails in one of these statuses (e.g. [FAILED]).' }),
    to: t.string({ description: 'Only emails to this address (ignoring case).' }),
  }),
});

builder.queryField('emailOutbox', (t) =>
  t.connection(
    {
      type: OutboxEmailRef,
      description:
        'The email outbox, newest first: messages waiting, sent, caught (development without SMTP_URL) and failed for good (`filter: { status: [FAILED] }`). ADMIN only.',
      authScopes: { roles: ['ADMIN'] },
      args: { filter: t.arg({ type: EmailOutboxFilter, description: 'Narrows the list.' }) },
      resolve: (_root, args, context) => {
        if (!mayReadOutbox(viewerOf(context))) return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
        return keysetConnection<OutboxEmailLean>(listOutbox({ statuses: args.filter?.status, to: args.filter?.to }), args);
      },
    },
    EmailOutboxConnection,
  ),
);

const RetryEmailInput = builder.inputType('RetryEmailInput', {
  description: 'A FAILED email to send again.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The OutboxEmail.' }) }),
});

builder.mutationField('retryEmail', (t) =>
  t.field({
    type: payloadType('RetryEmailPayload', 'email', OutboxEmailRef, 'Result of retryEmail.'),
    description: 'Puts a FAILED email back in the queue, due now, with its attempts counted afresh. ADMIN only. Audited.',
    authScopes: { roles: ['ADMIN'] },
    args: { input: t.arg({ type: RetryEmailInput, required: true, description: 'The email.' }) },
    resolve: async (_root, { input }, context) => toPayload(await retryEmail(viewerOf(context), { id: refOf(input.id, 'OutboxEmail', 'id') })),
  }),
);
