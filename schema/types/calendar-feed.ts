// Private iCalendar feeds of agreed deployments, per person and per school (server/calendar).
import { type CalendarFeedLean, createCalendarFeed, feedPath, revokeCalendarFeed } from '../../server/calendar/feeds';
import { builder } from '../builder';
import { decodeIds } from '../ids';
import { loadByIds } from '../loaders';
import { payloadType, toPayload } from '../payloads';
import { UserErrorType } from './user-error';
import { viewerOf } from '../viewer';
import type { UserError } from '../../server/services/user-errors';

export const CalendarFeedRef = builder.loadableNodeRef('CalendarFeed', {
  id: { resolve: (doc: CalendarFeedLean) => doc._id.toString() },
  load: loadByIds<CalendarFeedLean>('calendarFeeds', 'CalendarFeed'),
});

CalendarFeedRef.implement({
  description: "A private calendar feed of a person's or a school's agreed deployments. Its secret URL is shown once, when it is created. Readable by whoever created it, and ADMIN.",
  authScopes: (feed, context) => !!context.viewer && (context.viewer.role === 'ADMIN' || context.viewer.sub === feed.createdBy.sub),
  fields: (t) => ({
    ownerType: t.exposeString('ownerType', { description: 'StaffMember or Academy.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (f) => (f as unknown as { createdAt: Date }).createdAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it stopped working, if it has.', resolve: (f) => f.revokedAt ?? null }),
  }),
});

interface CreatedFeed {
  feed: CalendarFeedLean | null;
  path: string | null;
  userErrors: UserError[];
}

const CreateCalendarFeedPayload = builder.objectRef<CreatedFeed>('CreateCalendarFeedPayload').implement({
  description: 'Result of createCalendarFeed.',
  fields: (t) => ({
    feed: t.field({ type: CalendarFeedRef, nullable: true, description: 'The new feed; null when userErrors is not empty.', resolve: (p) => p.feed }),
    path: t.string({
      nullable: true,
      description: "The feed's secret path (`/calendar/<secret>.ics`), to be added to this service's address and subscribed to in a calendar app. Shown only now: keep it private. Null when userErrors is not empty.",
      resolve: (p) => p.path,
    }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present nothing was written.', resolve: (p) => p.userErrors }),
  }),
});

const CreateCalendarFeedInput = builder.inputType('CreateCalendarFeedInput', {
  description: 'Whose calendar: a staff member (staffId) or a school (academyId).',
  fields: (t) => ({
    staffId: t.id({ description: 'A person: themself, their headteacher, their trust’s lead or ADMIN.' }),
    academyId: t.id({ description: 'A school (support it gives and receives): its headteacher, its trust’s lead or ADMIN.' }),
  }),
});

builder.mutationField('createCalendarFeed', (t) =>
  t.field({
    type: CreateCalendarFeedPayload,
    description: "Creates a private iCalendar feed of the owner's agreed, active and completed deployments with dates, replacing (revoking) the owner's earlier feed. Audited.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CreateCalendarFeedInput, required: true, description: 'Whose calendar.' }) },
    resolve: async (_root, { input }, context) => {
      // An empty ID counts as not given; either ID, if it names nothing, is the service's NOT_FOUND.
      const ids = decodeIds({ staffId: input.staffId ? String(input.staffId) : null, academyId: input.academyId ? String(input.academyId) : null }, { staffId: 'StaffMember', academyId: 'Academy' });
      const outcome = await createCalendarFeed(viewerOf(context), ids);
      return outcome.ok ? { feed: outcome.value.feed, path: feedPath(outcome.value.secret), userErrors: [] } : { feed: null, path: null, userErrors: outcome.userErrors };
    },
  }),
);

const RevokeCalendarFeedInput = builder.inputType('RevokeCalendarFeedInput', {
  description: 'A feed to stop.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The CalendarFeed.' }) }),
});

builder.mutationField('revokeCalendarFeed', (t) =>
  t.field({
    type: payloadType('RevokeCalendarFeedPayload', 'feed', CalendarFeedRef, 'Result of revokeCalendarFeed.'),
    description: 'Stops a calendar feed: its URL answers 404 from now on. Same rights as createCalendarFeed. Audited.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: RevokeCalendarFeedInput, required: true, description: 'The feed.' }) },
    resolve: async (_root, { input }, context) => toPayload(await revokeCalendarFeed(viewerOf(context), decodeIds({ id: String(input.id) }, { id: 'CalendarFeed' }))),
  }),
);
