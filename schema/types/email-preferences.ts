// A person's email preference (daily digest or each message as it happens) and a trust's
// reminder rule (after how many school days a waiting step is chased). docs/notifications.md.
import { myEmailPreference, type ReminderRule, reminderRuleOf, setEmailPreference, setTrustReminderRule } from '../../server/notifications/preferences';
import { builder } from '../builder';
import { refOf } from '../ids';
import { payloadType, toPayload } from '../payloads';
import { TrustRef } from '../refs';
import { viewerOf } from '../viewer';

const EmailPreferenceType = builder.objectRef<{ email: string; dailyDigest: boolean }>('EmailPreference').implement({
  description: 'How a person gets email from the service.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Their work email address, from their staff or user directory record.' }),
    dailyDigest: t.exposeBoolean('dailyDigest', { description: 'True: one message a day (from EMAIL_DIGEST_HOUR, England time) listing everything; false: each message as it happens.' }),
  }),
});

builder.queryField('myEmailPreference', (t) =>
  t.field({
    type: EmailPreferenceType,
    nullable: true,
    description: "The caller's own email preference; null when no work email is on record for them. Requires a token.",
    authScopes: { authenticated: true },
    resolve: (_root, _args, context) => myEmailPreference(viewerOf(context)),
  }),
);

const SetEmailPreferenceInput = builder.inputType('SetEmailPreferenceInput', {
  description: "The caller's own email preference.",
  fields: (t) => ({ dailyDigest: t.boolean({ required: true, description: 'True: a daily digest; false: each message as it happens.' }) }),
});

builder.mutationField('setEmailPreference', (t) =>
  t.field({
    type: payloadType('SetEmailPreferencePayload', 'emailPreference', EmailPreferenceType, 'Result of setEmailPreference.'),
    description: 'Sets how the caller gets email (NO_EMAIL when no work email is on record for them). Anyone, for themself. Audited.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: SetEmailPreferenceInput, required: true, description: 'The preference.' }) },
    resolve: async (_root, { input }, context) => toPayload(await setEmailPreference(viewerOf(context), input)),
  }),
);

const ReminderRuleType = builder.objectRef<ReminderRule>('ReminderRule').implement({
  description: "A trust's rule for chasing steps that wait: releases and acceptances are reminded after this many school days, and again after each further period.",
  fields: (t) => ({
    reminderAfterSchoolDays: t.exposeInt('reminderAfterSchoolDays', { description: 'School days (weekdays not listed as closed) a step may wait before its headteacher is reminded.' }),
    closedDates: t.field({ type: ['Date'], description: 'Weekdays that are not school days (holidays, INSET, bank holidays).', resolve: (r) => r.closedDates.map((d) => new Date(`${d}T00:00:00.000Z`)) }),
  }),
});

builder.objectField(TrustRef, 'reminderRule', (t) =>
  t.field({
    type: ReminderRuleType,
    description: "The trust's reminder rule (the default, 3 school days and no closures, until set). Requires a token.",
    authScopes: { authenticated: true },
    resolve: (trust) => reminderRuleOf(trust._id),
  }),
);

const SetTrustReminderRuleInput = builder.inputType('SetTrustReminderRuleInput', {
  description: "A trust's reminder rule as it should now be.",
  fields: (t) => ({
    trustId: t.id({ required: true, description: 'The trust.' }),
    reminderAfterSchoolDays: t.int({ required: true, description: 'School days before a reminder (1-60).' }),
    closedDates: t.field({ type: ['Date'], description: 'Weekdays that are not school days, YYYY-MM-DD (replaces the list).' }),
  }),
});

builder.mutationField('setTrustReminderRule', (t) =>
  t.field({
    type: payloadType('SetTrustReminderRulePayload', 'reminderRule', ReminderRuleType, 'Result of setTrustReminderRule.'),
    description: "Sets after how many school days waiting releases and acceptances are reminded, and the trust's closure dates. ADMIN, or the trust's IMPROVEMENT_LEAD. Audited.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: SetTrustReminderRuleInput, required: true, description: 'The rule.' }) },
    resolve: async (_root, { input }, context) =>
      toPayload(
        await setTrustReminderRule(viewerOf(context), {
          trustId: refOf(input.trustId, 'Trust', 'trustId'),
          reminderAfterSchoolDays: input.reminderAfterSchoolDays,
          closedDates: (input.closedDates ?? []).map((d) => d.toISOString().slice(0, 10)),
        }),
      ),
  }),
);

