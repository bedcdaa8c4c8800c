// Schools the register now lists as closed: marked closed here rather than left open or
// deleted (staff, needs and deployments refer to them). Their open needs are withdrawn with
// a reason the lead can read (ImprovementNeed.withdrawnReason); needs with deployments under
// way are left to the lead. Their staff are no longer ranked or planned: the ranking's
// HOME_SCHOOL_CLOSED constraint. Every change is audited as the import.
import type { Types } from 'mongoose';
import { formatInspectionDate } from '../../domain/inspection';
import { Academy } from '../../models/academy';
import { AuditEntry } from '../../models/audit-entry';
import type { ActorRecord } from '../../models/common';
import { ImprovementNeed } from '../../models/improvement-need';
import type { ExistingAcademy } from './existing';
import type { RowNote } from './summary';

export interface Closure {
  line: number;
  urn: string;
  /** YYYY-MM-DD from "CloseDate"; null when GIAS gives none. */
  closedOn: string | null;
}

export interface ClosureOutcome {
  /** Schools marked closed now (or, in a dry run, that would be); already-closed ones are not listed again. */
  closed: RowNote[];
  needsWithdrawn: number;
}

export function withdrawalReason(closedOn: Date | null): string {
  return `The school has closed (the register, GIAS, lists it as closed${closedOn ? ` from ${formatInspectionDate(closedOn)}` : ''}): withdrawn by the GIAS import.`;
}

export async function closeSchools(closures: readonly Closure[], academies: ReadonlyMap<string, ExistingAcademy>, actor: ActorRecord, dryRun: boolean): Promise<ClosureOutcome> {
  const outcome: ClosureOutcome = { closed: [], needsWithdrawn: 0 };
  const now = new Date();
  for (const closure of closures) {
    const academy = academies.get(closure.urn);
    if (!academy || academy.status === 'CLOSED') continue;
    outcome.closed.push({ line: closure.line, urn: closure.urn, reason: 'closed in GIAS: marked closed here' });
    const closedOn = closure.closedOn ? new Date(`${closure.closedOn}T00:00:00Z`) : null;
    if (dryRun) {
      outcome.needsWithdrawn += await ImprovementNeed.countDocuments({ academyId: academy._id, status: 'OPEN' });
      continue;
    }
    // By _id alone (FerretDB's only index); closures are a handful a month.
    await Academy.updateOne({ _id: academy._id }, { $set: { status: 'CLOSED', closedOn, updatedBy: actor } });
    await audit('Academy', academy._id, 'CLOSED', actor, now, { status: { from: 'OPEN', to: 'CLOSED' }, closedOn: { from: null, to: closure.closedOn } });
    outcome.needsWithdrawn += await withdrawOpenNeeds(academy._id, withdrawalReason(closedOn), actor, now);
  }
  return outcome;
}

async function withdrawOpenNeeds(academyId: Types.ObjectId, reason: string, actor: ActorRecord, now: Date): Promise<number> {
  const open = await ImprovementNeed.find({ academyId, status: 'OPEN' }, { _id: 1 }).lean();
  let withdrawn = 0;
  for (const need of open) {
    // Only if still OPEN: a proposal made meanwhile (MATCHED) is the lead's to settle.
    const result = await ImprovementNeed.updateOne({ _id: need._id, status: 'OPEN' }, { $set: { status: 'CLOSED', closedAt: now, withdrawnReason: reason, updatedBy: actor } });
    if (result.modifiedCount !== 1) continue;
    withdrawn++;
    await audit('ImprovementNeed', need._id, 'WITHDRAWN', actor, now, { status: { from: 'OPEN', to: 'CLOSED' }, withdrawnReason: { from: null, to: reason } });
  }
  return withdrawn;
}

function audit(entityType: 'Academy' | 'ImprovementNeed', entityId: Types.ObjectId, action: string, actor: ActorRecord, at: Date, changes: Record<string, { from: unknown; to: unknown }>) {
  return AuditEntry.collection.insertOne({ entityType, entityId, action, actor, at, changes });
}
