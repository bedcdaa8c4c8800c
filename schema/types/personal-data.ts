// Erasure of a leaver's personal data (server/services/personal-data.ts). Subject access is
// served as a download at GET /exports/me.json (server/exports/subject-access.ts).
import { ERASERS } from '../../server/auth/personal-data';
import { eraseStaffMember, type ErasureResult } from '../../server/services/personal-data';
import { builder } from '../builder';
import { refOf } from '../ids';
import { type Payload, toPayload } from '../payloads';
import { StaffMemberRef } from '../refs';
import { viewerOf } from '../viewer';
import { UserErrorType } from './user-error';

const EraseStaffMemberInput = builder.inputType('EraseStaffMemberInput', {
  description: 'The leaver whose personal data to erase.',
  fields: (t) => ({ staffId: t.id({ required: true, description: 'The staff member.' }) }),
});

const EraseStaffMemberPayload = builder.objectRef<Payload<ErasureResult>>('EraseStaffMemberPayload').implement({
  description: 'Result of eraseStaffMember.',
  fields: (t) => ({
    staffMember: t.field({ type: StaffMemberRef, nullable: true, description: 'The record as it now stands (name "Former staff member"); null when userErrors is not empty.', resolve: (p) => p.value?.staffMember ?? null }),
    deploymentsKept: t.int({ nullable: true, description: 'Deployments kept, anonymous, with their days, status and impact rating.', resolve: (p) => p.value?.deploymentsKept ?? null }),
    auditEntriesRedacted: t.int({ nullable: true, description: 'Earlier audit entries whose values of erased fields now read "[erased]".', resolve: (p) => p.value?.auditEntriesRedacted ?? null }),
    directoryRecordsRemoved: t.int({ nullable: true, description: 'Sign-in (directory) records of the person removed.', resolve: (p) => p.value?.directoryRecordsRemoved ?? null }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present nothing was written.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('eraseStaffMember', (t) =>
  t.field({
    type: EraseStaffMemberPayload,
    description: `Erases a leaver's personal data (UK GDPR right to erasure): name becomes "Former staff member"; email, safeguarding-check date, designations, expertise and its evidence, travel range, availability and sign-in records are removed, and the values of those fields in earlier audit entries read "[erased]". Deployments are kept with their days, status and impact rating (their evidence text removed), so track records and reports stay true; the person is never ranked again. ${ERASERS}. A person with a PROPOSED, AGREED or ACTIVE deployment is refused (LIVE_DEPLOYMENTS).`,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: EraseStaffMemberInput, required: true, description: 'The staff member to erase.' }) },
    resolve: async (_root, { input }, context) => toPayload(await eraseStaffMember(viewerOf(context), { staffId: refOf(input.staffId, 'StaffMember', 'staffId') })),
  }),
);
