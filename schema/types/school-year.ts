// Starting a trust's new school year (server/services/school-year.ts, docs/school-year.md).
import { type SchoolYearStart, startSchoolYear } from '../../server/services/school-year';
import { builder } from '../builder';
import { inputMutation } from '../mutations';
import { decodeIds } from '../ids';
import { TrustRef } from '../refs';
import { UserErrorType } from './user-error';
import type { UserError } from '../../server/services/user-errors';

interface StartSchoolYearShape {
  result: SchoolYearStart | null;
  userErrors: UserError[];
}

const StartSchoolYearInput = builder.inputType('StartSchoolYearInput', {
  description: 'The trust and the school year to start.',
  fields: (t) => ({
    trustId: t.id({ required: true, description: 'The trust whose staff move on to the year.' }),
    schoolYear: t.string({ required: true, description: 'The school year as YYYY/YY ("2026/27"): the current one (1 September to 31 August).' }),
  }),
});

const StartSchoolYearPayload = builder.objectRef<StartSchoolYearShape>('StartSchoolYearPayload').implement({
  description: 'Result of startSchoolYear.',
  fields: (t) => ({
    schoolYear: t.string({ nullable: true, description: 'The year started; null when userErrors is not empty.', resolve: (p) => p.result?.schoolYear.label ?? null }),
    trust: t.field({ type: TrustRef, nullable: true, description: 'The trust; null when userErrors is not empty.', resolve: (p) => p.result?.trust ?? null }),
    openedCount: t.int({ nullable: true, description: 'Staff in post whose year was opened by this call (their last year archived as it stood).', resolve: (p) => p.result?.openedCount ?? null }),
    alreadyOpenCount: t.int({
      nullable: true,
      description: 'Staff in post already in the year (started before, or moved on when their own days changed): left as they were.',
      resolve: (p) => p.result?.alreadyOpenCount ?? null,
    }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present nothing was written.', resolve: (p) => p.userErrors }),
  }),
});

inputMutation('startSchoolYear', {
  description:
    "Starts the school year for a trust's staff in post: each person's days for the year open from their standing offer (capacityDays) less any days already committed in it, and last year's record is archived unchanged (capacity(schoolYear) still reads it). Idempotent: people already in the year are left alone. Until it runs, figures for the new year are still right (a year not started is the standing offer less what is committed in it). ADMIN, or the trust's IMPROVEMENT_LEAD.",
  input: StartSchoolYearInput,
  inputDescription: 'The trust and the year.',
  payload: StartSchoolYearPayload,
  resolve: async (viewer, input) => {
    const outcome = await startSchoolYear(viewer, decodeIds(input, { trustId: 'Trust' }));
    return outcome.ok ? { result: outcome.value, userErrors: [] } : { result: null, userErrors: outcome.userErrors };
  },
});
