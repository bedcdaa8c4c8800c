import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy, roleMay } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { NEED_SEVERITIES, PHASES } from '../domain/enums';
import { endsBeforeToday } from '../domain/calendar';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { ImprovementNeed, type ImprovementNeedRecord } from '../models/improvement-need';
import { diffFields, recordAudit } from './audit';
import { closeOpenOffersOfNeed } from './offer-closing';
import type { LeanDoc } from '../models/lean';
import { priorityOf } from './need-priority';
import { type Ref, refInput, resolveRef, scopeOf } from './references';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

export type NeedLean = LeanDoc<ImprovementNeedRecord>;

const needFields = {
  area: z.enum(EXPERTISE_AREAS as [string, ...string[]]),
  phase: z.enum(PHASES),
  severity: z.enum(NEED_SEVERITIES),
  description: z.string().trim().min(10, 'must be at least 10 characters: say what the problem is').max(4000, 'must be at most 4000 characters'),
  daysRequested: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(200, 'must be at most 200 days'),
  windowStart: z.coerce.date({ message: 'must be a date (YYYY-MM-DD)' }).nullish(),
  windowEnd: z.coerce.date({ message: 'must be a date (YYYY-MM-DD)' }).nullish(),
};

// Help can only be arranged from today on: a window that ended before today is a typo or a
// record of the past, and either way no one can be matched to it.
const PAST_WINDOW = 'the window ends before today: give a windowEnd of today or later';

const raiseNeedInput = z
  .object({ academyId: refInput, ...needFields })
  .refine((n) => !n.windowStart || !n.windowEnd || n.windowStart <= n.windowEnd, {
    path: ['windowEnd'],
    message: 'must not be before windowStart',
  })
  .refine((n) => !n.windowEnd || !endsBeforeToday(n.windowEnd), { path: ['windowEnd'], message: PAST_WINDOW });

const NEED_AUDITED_FIELDS = ['area', 'phase', 'severity', 'description', 'daysRequested', 'windowStart', 'windowEnd', 'status'] as const;

async function academyOf(need: { academyId: unknown }) {
  return stores.academies.fresh.get(String(need.academyId));
}

const NEEDS_ROLES = "needs are managed by the academy's headteacher, its hub's executive head or its trust's improvement lead";

export async function raiseNeed(viewer: Viewer, input: unknown): Promise<Outcome<NeedLean>> {
  if (!roleMay.manageNeeds(viewer)) throw new ForbiddenError(NEEDS_ROLES);
  const parsed = raiseNeedInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { academyId, ...data } = parsed.data;
  const academy = await resolveRef(stores.academies, academyId);
  if (!academy.ok) return failed(academy.error);
  if (!policy.raiseNeedAt(viewer, scopeOf(academy.doc))) {
    throw new ForbiddenError("needs are raised by the academy's headteacher, its hub's executive head or its trust's improvement lead");
  }
  if (academy.doc.status === 'CLOSED') {
    return failed(userError('academyId', `${academy.doc.name} has closed (the register, GIAS, lists it as closed): needs cannot be raised there`, 'ACADEMY_CLOSED'));
  }
  const actor = actorOf(viewer);
  const now = new Date();
  const draft = new ImprovementNeed({
    ...data,
    windowStart: data.windowStart ?? null,
    windowEnd: data.windowEnd ?? null,
    academyId: academy.doc._id,
    status: 'OPEN',
    daysCovered: 0,
    raisedAt: now,
    createdBy: actor,
    updatedBy: actor,
  });
  draft.set(priorityOf(draft.toObject() as NeedLean, academy.doc, now));
  await draft.save();
  const after = draft.toObject() as NeedLean;
  await recordAudit('ImprovementNeed', draft._id, 'RAISED', actor, diffFields(null, after as never, NEED_AUDITED_FIELDS));
  return ok(after);
}

const updateNeedInput = z.object({
  id: refInput,
  severity: needFields.severity.optional(),
  description: needFields.description.optional(),
  daysRequested: needFields.daysRequested.optional(),
  windowStart: needFields.windowStart,
  windowEnd: needFields.windowEnd,
});

async function loadNeedForChange(viewer: Viewer, id: Ref) {
  const found = await resolveRef(stores.needs, id);
  if (!found.ok) return found;
  const academy = await academyOf(found.doc);
  if (!academy || !policy.raiseNeedAt(viewer, scopeOf(academy))) {
    throw new ForbiddenError("needs are managed by the academy's headteacher, its hub's executive head or its trust's improvement lead");
  }
  return { ok: true as const, need: found.doc, academy };
}

export async function updateNeed(viewer: Viewer, input: unknown): Promise<Outcome<NeedLean>> {
  if (!roleMay.manageNeeds(viewer)) throw new ForbiddenError(NEEDS_ROLES);
  const parsed = updateNeedInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { id, ...fields } = parsed.data;
  const loaded = await loadNeedForChange(viewer, id);
  if (!loaded.ok) return failed(loaded.error);
  const { need, academy } = loaded;
  if (need.status === 'MET' || need.status === 'CLOSED') {
    return failed(userError('id', `this need is ${need.status} and can no longer be changed`, 'INVALID_TRANSITION'));
  }
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) set[key] = value;
  const windowStart = (set.windowStart ?? need.windowStart) as Date | null;
  const windowEnd = (set.windowEnd ?? need.windowEnd) as Date | null;
  if (windowStart && windowEnd && windowStart > windowEnd) return failed(userError('windowEnd', 'windowEnd must not be before windowStart'));
  const windowChanged = fields.windowStart !== undefined || fields.windowEnd !== undefined;
  if (windowChanged && windowEnd && endsBeforeToday(windowEnd)) return failed(userError('windowEnd', `windowEnd: ${PAST_WINDOW}`));
  if (fields.daysRequested !== undefined && fields.daysRequested < need.daysCovered) {
    return failed(userError('daysRequested', `daysRequested cannot go below the ${need.daysCovered} days already arranged`, 'BELOW_COVERED'));
  }
  const actor = actorOf(viewer);
  set.updatedBy = actor;
  Object.assign(set, priorityOf({ ...need, ...set } as NeedLean, academy));
  // Conditional on the covered days we read, so a deployment proposed meanwhile is never undercut.
  const after = (await ImprovementNeed.findOneAndUpdate(
    { _id: need._id, daysCovered: need.daysCovered, status: need.status },
    { $set: set },
    { new: true, runValidators: true },
  ).lean()) as NeedLean | null;
  if (!after) return failed(userError('id', 'the need changed meanwhile; reload and try again', 'CONFLICT'));
  await recordAudit('ImprovementNeed', need._id, 'UPDATED', actor, diffFields(need as never, after as never, NEED_AUDITED_FIELDS));
  return ok(after);
}

const closeNeedInput = z.object({ id: refInput, reason: z.string().trim().max(1000).nullish() });

/** Closes a need that no longer wants support (met some other way, or withdrawn). */
export async function closeNeed(viewer: Viewer, input: unknown): Promise<Outcome<NeedLean>> {
  if (!roleMay.manageNeeds(viewer)) throw new ForbiddenError(NEEDS_ROLES);
  const parsed = closeNeedInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await loadNeedForChange(viewer, parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { need } = loaded;
  if (need.status === 'CLOSED') return failed(userError('id', 'this need is already closed', 'INVALID_TRANSITION'));
  if (need.daysCovered > 0 && need.status !== 'MET') {
    return failed(userError('id', 'this need has deployments under way; cancel or complete them first', 'HAS_DEPLOYMENTS'));
  }
  const actor = actorOf(viewer);
  const after = (await ImprovementNeed.findOneAndUpdate(
    { _id: need._id, status: need.status, daysCovered: need.daysCovered },
    { $set: { status: 'CLOSED', closedAt: new Date(), updatedBy: actor } },
    { new: true },
  ).lean()) as NeedLean | null;
  if (!after) return failed(userError('id', 'the need changed meanwhile; reload and try again', 'CONFLICT'));
  await recordAudit('ImprovementNeed', need._id, 'CLOSED', actor, {
    status: { from: need.status, to: 'CLOSED' },
    ...(parsed.data.reason ? { reason: { from: null, to: parsed.data.reason } } : {}),
  });
  // Nothing is left for the offers on it to help with: each is closed, and its offerer told.
  await closeOpenOffersOfNeed(need._id, 'CLOSED', actor);
  return ok(after);
}
