// The bands of disadvantage in use (domain/fsm-bands.ts): the national FSM quintiles
// computed from the imported register, or the fixed 20-point bands while none has been.
// Recomputed after each GIAS import (server/import/gias/importer.ts), so the bands follow
// the latest census the register carries; each computation is kept with its date.
import { FIXED_20_POINT_BANDING, type FsmBanding, quintileCutPoints } from '../domain/fsm-bands';
import { stores } from '../db/store';
import type { ActorRecord } from '../models/common';
import { FsmBandingModel } from '../models/fsm-banding';
import { recordAudit } from './audit';

/** The banding every report uses now: the latest national quintiles, else the fixed fallback. */
export async function currentFsmBanding(): Promise<FsmBanding> {
  const [latest] = await stores.fsmBandings.find({}, { sort: { computedAt: -1 }, limit: 1 });
  if (!latest) return FIXED_20_POINT_BANDING;
  const [c1, c2, c3, c4] = latest.cutPoints as number[];
  return { basis: 'NATIONAL_QUINTILES', cutPoints: [c1!, c2!, c3!, c4!], computedAt: latest.computedAt, schoolCount: latest.schoolCount };
}

/**
 * Computes the national quintile cut points from every school recorded (the register's
 * schools, with their FSM share as the register gives it) and stores them. Schools with no
 * FSM share (new schools without a census yet) are left out. Null, storing nothing, when no
 * school has one.
 */
export async function recomputeNationalFsmBanding(actor: ActorRecord, source: string | null, now = new Date()): Promise<FsmBanding | null> {
  const schools = await stores.academies.find({ fsmPercent: { $ne: null } }, { projection: { fsmPercent: 1 } });
  const values = schools.map((s) => s.fsmPercent);
  const cutPoints = quintileCutPoints(values);
  if (!cutPoints) return null;
  const schoolCount = values.filter((v) => v != null && Number.isFinite(v)).length;
  const record = await FsmBandingModel.create({ basis: 'NATIONAL_QUINTILES', cutPoints: [...cutPoints], computedAt: now, schoolCount, source });
  await recordAudit('FsmBanding', record._id, 'computed', actor, { cutPoints: { from: null, to: [...cutPoints] }, schoolCount: { from: null, to: schoolCount } });
  return { basis: 'NATIONAL_QUINTILES', cutPoints, computedAt: now, schoolCount };
}
