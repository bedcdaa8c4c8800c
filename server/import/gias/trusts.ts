// Finds or creates the Trust for each GIAS trust code. Order of preference: the trust
// already carrying that code; else a trust of the same name recorded by hand without a code
// (linked: the code is attached to it); else a new trust. Works from all trusts read once at
// the start (a few thousand: far cheaper than a look-up per batch on FerretDB, see existing.ts).
import { Types } from 'mongoose';
import { AuditEntry } from '../../models/audit-entry';
import { nameKey } from '../../domain/names';
import type { ActorRecord } from '../../models/common';
import { Trust } from '../../models/trust';
import { tolerantBulkWrite } from './bulk';
import type { TrustRow } from './existing';

export interface TrustCounts {
  created: number;
  linked: number;
}

export interface TrustRef {
  code: string;
  name: string;
}

const DUPLICATE_KEY = 11000;

export class TrustLinker {
  private readonly byCode = new Map<string, Types.ObjectId>();
  /** Name key (domain/names.ts) -> id, for trusts without a GIAS code (candidates for linking). */
  private readonly uncodedByName = new Map<string, Types.ObjectId>();
  /** Every name key in use (names are unique in that form). */
  private readonly namesInUse = new Set<string>();
  readonly counts: TrustCounts = { created: 0, linked: 0 };

  constructor(
    private readonly actor: ActorRecord,
    private readonly dryRun: boolean,
    existing: readonly TrustRow[],
  ) {
    for (const { _id, nameKey, gias } of existing) {
      this.namesInUse.add(nameKey);
      if (gias?.trustCode) this.byCode.set(gias.trustCode, _id);
      else this.uncodedByName.set(nameKey, _id);
    }
  }

  /** The id for a code that `ensure` has seen. */
  idFor(code: string): Types.ObjectId {
    const id = this.byCode.get(code);
    if (!id) throw new Error(`trust ${code} was not resolved before use`);
    return id;
  }

  /** Makes sure every trust named in a batch exists: links by name, then one bulk insert for the rest. */
  async ensure(refs: readonly TrustRef[]): Promise<void> {
    const toCreate: TrustRef[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      if (this.byCode.has(ref.code) || seen.has(ref.code)) continue;
      seen.add(ref.code);
      const uncoded = this.uncodedByName.get(nameKey(ref.name));
      if (uncoded && (await this.link(uncoded, ref))) continue;
      toCreate.push(ref);
    }
    await this.create(toCreate);
  }

  private async link(id: Types.ObjectId, ref: TrustRef): Promise<boolean> {
    this.uncodedByName.delete(nameKey(ref.name)); // one trust takes one code
    if (!this.dryRun) {
      // Conditional: only while the trust still has no code (someone may have linked it meanwhile).
      const result = await Trust.collection.updateOne({ _id: id, gias: null }, { $set: { gias: { trustCode: ref.code }, updatedBy: this.actor, updatedAt: new Date() } });
      if (result.modifiedCount !== 1) return false;
      await AuditEntry.collection.insertOne(this.auditEntry(id, 'UPDATED', { giasTrustCode: { from: null, to: ref.code } }));
    }
    this.byCode.set(ref.code, id);
    this.counts.linked++;
    return true;
  }

  private async create(refs: readonly TrustRef[]): Promise<void> {
    if (!refs.length) return;
    const now = new Date();
    // Trust names are unique here but not in GIAS: a second trust of a name carries its code.
    const planned = refs.map((ref) => {
      const name = this.namesInUse.has(nameKey(ref.name)) ? `${ref.name} (${ref.code})` : ref.name;
      this.namesInUse.add(nameKey(name));
      const document = { _id: new Types.ObjectId(), name, nameKey: nameKey(name), region: null, gias: { trustCode: ref.code }, createdBy: this.actor, updatedBy: this.actor, createdAt: now, updatedAt: now };
      return { ref, document };
    });
    if (this.dryRun) {
      for (const { ref, document } of planned) this.byCode.set(ref.code, document._id);
      this.counts.created += planned.length;
      return;
    }
    const outcome = await tolerantBulkWrite(Trust.collection, planned.map(({ document }) => ({ insertOne: { document } })));
    const audits: object[] = [];
    for (const [index, { ref, document }] of planned.entries()) {
      const failure = outcome.failed.get(index);
      if (!failure) {
        this.byCode.set(ref.code, document._id);
        this.counts.created++;
        audits.push(this.auditEntry(document._id, 'CREATED', { name: { from: null, to: document.name }, giasTrustCode: { from: null, to: ref.code } }));
      } else if (failure.code === DUPLICATE_KEY) {
        // The name was taken after the start: by this very trust (another run), or by another.
        const meanwhile = await Trust.collection.findOne({ 'gias.trustCode': ref.code }, { projection: { _id: 1 } });
        if (meanwhile) this.byCode.set(ref.code, meanwhile._id as Types.ObjectId);
        else await this.create([{ code: ref.code, name: `${ref.name} (${ref.code})` }]);
      } else {
        throw new Error(`trust ${ref.code} ("${ref.name}") could not be recorded: ${failure.message}`);
      }
    }
    if (audits.length) await AuditEntry.collection.insertMany(audits, { ordered: false });
  }

  private auditEntry(entityId: Types.ObjectId, action: string, changes: Record<string, { from: unknown; to: unknown }>) {
    return { entityType: 'Trust', entityId, action, actor: this.actor, at: new Date(), changes };
  }
}
