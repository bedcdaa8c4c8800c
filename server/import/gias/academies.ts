// Writes one batch of establishments in one bulkWrite: inserts the new, updates only the
// fields that changed, and leaves the rest untouched (so a re-run reports them unchanged and
// keeps their updatedAt). Updates get an audit entry with the before/after of each field.
//
// Writes go through the driver collection, not mongoose documents: hydrating and validating
// a mongoose document costs about 1 ms per row, more than the write itself. Values are
// validated in row.ts against the same bounds as the schema, and defaults are filled here
// (a test checks imported documents against the schema).
import { schoolYearOf } from '../../domain/school-year';
import { Types } from 'mongoose';
import { Academy } from '../../models/academy';
import { AuditEntry } from '../../models/audit-entry';
import type { ActorRecord } from '../../models/common';
import { leadCannotLeave, type LedHub } from '../../services/hub-leads';
import { tolerantBulkWrite } from './bulk';
import { COMPARED_FIELDS, type ComparedField, type ExistingAcademy, loadExistingAcademy } from './existing';
import type { Establishment } from './row';
import type { TrustLinker } from './trusts';

export interface BatchItem {
  line: number;
  establishment: Establishment;
}

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows the database refused (not expected after row validation; reported, never hidden). */
  refused: { line: number; urn: string; reason: string }[];
  /** Schools recorded here as closed that the register lists as open again: reopened. */
  reopened: { line: number; urn: string; reason: string }[];
}

type Target = Partial<Record<ComparedField, unknown>>;
type Changes = Partial<Record<ComparedField, { from: unknown; to: unknown }>>;
const DUPLICATE_KEY = 11000;

/** A batch with its writes worked out, ready to commit. */
export interface PreparedBatch {
  readonly planned: readonly Planned[];
  /** Rows the database already holds exactly. */
  readonly unchanged: number;
  /** Rows refused before writing (a hub's lead moving to another trust). */
  readonly refused: readonly BatchCounts['refused'][number][];
  readonly at: Date;
}

interface Planned {
  item: BatchItem;
  kind: 'insert' | 'update';
  id: Types.ObjectId;
  target: Target;
  changes: Changes;
  /** Recorded here as closed, listed open again by the register. */
  reopens: boolean;
  op: object;
}

export class AcademyWriter {
  constructor(
    private readonly actor: ActorRecord,
    private readonly dryRun: boolean,
    private readonly trusts: TrustLinker,
    /** URN -> stored fields, as read at the start (a file holds each URN once). */
    private readonly existing: Map<string, ExistingAcademy>,
    /** Academy id -> the hub it leads, as read at the start. */
    private readonly hubLeads: ReadonlyMap<string, LedHub> = new Map(),
  ) {}

  /** Prepares then commits one batch. */
  async write(items: readonly BatchItem[]): Promise<BatchCounts> {
    return this.commit(await this.prepare(items));
  }

  /**
   * Resolves the batch's trusts (creating any new ones) and works out each row's write.
   * Batches must be prepared one after another (trusts are shared between them); their
   * commits may overlap, as no two batches touch the same school.
   */
  async prepare(items: readonly BatchItem[]): Promise<PreparedBatch> {
    await this.trusts.ensure(items.flatMap(({ establishment: e }) => (e.trust ? [e.trust] : [])));
    const now = new Date();
    const planned: Planned[] = [];
    const refused: BatchCounts['refused'] = [];
    let unchanged = 0;
    for (const item of items) {
      const plan = this.plan(item, now);
      if (plan === null) unchanged++;
      else if ('reason' in plan) refused.push(plan);
      else planned.push(plan);
    }
    return { planned, unchanged, refused, at: now };
  }

  /** Writes a prepared batch: one bulkWrite, then the audit entries of the updates. */
  async commit({ planned, unchanged, refused, at }: PreparedBatch): Promise<BatchCounts> {
    const counts: BatchCounts = { inserted: 0, updated: 0, unchanged, refused: [...refused], reopened: [] };
    const reopenedNote = (p: Planned) => ({ line: p.item.line, urn: p.item.establishment.urn, reason: 'open in GIAS again: reopened here' });
    if (this.dryRun) {
      for (const p of planned) {
        counts[p.kind === 'insert' ? 'inserted' : 'updated']++;
        if (p.reopens) counts.reopened.push(reopenedNote(p));
      }
      return counts;
    }

    const outcome = await tolerantBulkWrite(Academy.collection, planned.map((p) => p.op));
    const audits: object[] = [];
    let updatesApplied = 0;
    for (const [index, p] of planned.entries()) {
      const failure = outcome.failed.get(index);
      if (failure?.code === DUPLICATE_KEY && p.kind === 'insert') {
        add(counts, await this.retryAsUpdate(p.item)); // another writer inserted this URN meanwhile
      } else if (failure) {
        counts.refused.push({ line: p.item.line, urn: p.item.establishment.urn, reason: `the database refused it: ${failure.message}` });
      } else {
        if (p.kind === 'update') {
          updatesApplied++;
          if (Object.keys(p.changes).length) audits.push({ entityType: 'Academy', entityId: p.id, action: 'UPDATED', actor: this.actor, at, changes: p.changes });
          if (p.reopens) {
            audits.push({ entityType: 'Academy', entityId: p.id, action: 'REOPENED', actor: this.actor, at, changes: { status: { from: 'CLOSED', to: 'OPEN' }, closedOn: { to: null } } });
            counts.reopened.push(reopenedNote(p));
          }
        }
      }
    }
    counts.inserted += outcome.insertedCount;
    counts.updated += outcome.modifiedCount;
    counts.unchanged += updatesApplied - outcome.modifiedCount; // matched but already equal: changed meanwhile by someone else
    if (audits.length) await AuditEntry.collection.insertMany(audits, { ordered: false });
    return counts;
  }

  /** The write a row needs, null when the database already holds exactly this, or why the row is refused. */
  private plan(item: BatchItem, now: Date): Planned | null | BatchCounts['refused'][number] {
    const { establishment: e } = item;
    const target = this.targetFields(e);
    const current = this.existing.get(e.urn);
    if (!current) {
      const id = new Types.ObjectId();
      const document = { ...newAcademyDefaults(), _id: id, urn: e.urn, ...target, createdBy: this.actor, updatedBy: this.actor, createdAt: now, updatedAt: now };
      return { item, kind: 'insert', id, target, changes: {}, reopens: false, op: { insertOne: { document } } };
    }
    // No single-word judgement in the register (blank, "Not judged": since September 2024 Ofsted
    // gives none) does not unsay the last one recorded: it stays as history (docs/ofsted-inspections.md).
    if (target.ofstedRating === 'NOT_INSPECTED' && current.ofstedRating && current.ofstedRating !== 'NOT_INSPECTED') delete target.ofstedRating;
    const changes = diff(current, target);
    // Recorded here as closed (an earlier register said so, closures.ts) but listed open now: a
    // closure reversed in the register, or a school reopened. Its withdrawn needs stay withdrawn
    // (their reason says why); the lead raises again what is still needed.
    const reopens = current.status === 'CLOSED';
    if (!Object.keys(changes).length && !reopens) return null;
    const set: Record<string, unknown> = { updatedBy: this.actor, updatedAt: now };
    if (reopens) Object.assign(set, { status: 'OPEN', closedOn: null });
    for (const [field, change] of Object.entries(changes)) set[field] = change.to;
    // A new judgement from the register comes without the date this import reads: unknown
    // until the Ofsted import (import:ofsted) dates it, rather than the old one's date.
    if (changes.ofstedRating) set.ofstedJudgedOn = null;
    if (changes.trustId && current.trustId) {
      // Leaving a trust means leaving its hub (as upsertAcademy does), which a hub's lead may not:
      // the row is reported and nothing of it written, so the hub stays whole until it has another lead.
      const led = this.hubLeads.get(current._id.toString());
      if (led) return { line: item.line, urn: e.urn, reason: `not imported: ${leadCannotLeave(e.name, led, 'to another trust')}` };
      set.clusterId = null;
    }
    return { item, kind: 'update', id: current._id, target, changes, reopens, op: { updateOne: { filter: { _id: current._id }, update: { $set: set } } } };
  }

  private async retryAsUpdate(item: BatchItem): Promise<BatchCounts> {
    const current = await loadExistingAcademy(item.establishment.urn);
    if (!current) return { inserted: 0, updated: 0, unchanged: 0, refused: [{ line: item.line, urn: item.establishment.urn, reason: 'the database refused it as a duplicate URN' }], reopened: [] };
    this.existing.set(item.establishment.urn, current);
    return this.write([item]);
  }

  /** The fields this row sets: absent columns leave fields alone; a blank trust code keeps any existing link. */
  private targetFields(e: Establishment): Target {
    const target: Target = { name: e.name, phase: e.phase };
    for (const field of ['ofstedRating', 'fsmPercent', 'pupils', 'postcode', 'latitude', 'longitude'] as const) {
      if (e[field] !== undefined) target[field] = e[field];
    }
    if (e.trust) target.trustId = this.trusts.idFor(e.trust.code);
    return target;
  }
}

/** The Academy schema's defaults, for documents written without mongoose. */
function newAcademyDefaults() {
  return {
    ofstedRating: 'NOT_INSPECTED',
    ofstedJudgedOn: null,
    ofstedReportCard: null,
    status: 'OPEN',
    closedOn: null,
    fsmPercent: null,
    pupils: null,
    postcode: null,
    latitude: null,
    longitude: null,
    trustId: null,
    clusterId: null,
    supportCapacityDays: 0,
    supportRemainingDays: 0,
    supportCapacityYear: schoolYearOf(new Date()).label,
    supportOtherYears: {},
    supportCapacityVersion: 0,
  };
}

function diff(current: ExistingAcademy, target: Target): Changes {
  const changes: Changes = {};
  for (const field of COMPARED_FIELDS) {
    if (!(field in target)) continue;
    const from = current[field] ?? null;
    const to = target[field] ?? null;
    if (comparable(from) !== comparable(to)) changes[field] = { from, to };
  }
  return changes;
}

/** Ids compare by their hex string; everything else the import writes is a primitive. */
function comparable(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? String(value) : value;
}

function add(into: BatchCounts, more: BatchCounts): void {
  into.inserted += more.inserted;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.refused.push(...more.refused);
  into.reopened.push(...more.reopened);
}
