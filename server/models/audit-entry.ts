import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { actorSchema } from './common';

export const AUDITED_ENTITY_TYPES = [
  'Trust',
  'Academy',
  'Cluster',
  'StaffMember',
  'ImprovementNeed',
  'Deployment',
  'DirectoryUser',
  'OutboxEmail',
  'EmailPreference',
  'TrustReminderSettings',
  'TrustCostSettings',
  'CalendarFeed',
  'SupportOffer',
  'FsmBanding',
  'MaturityAssessment',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

// Append-only: who changed what, when. `changes` maps a field to its before/after values.
const auditEntrySchema = new Schema({
  entityType: { type: String, required: true, enum: AUDITED_ENTITY_TYPES },
  entityId: { type: Schema.Types.ObjectId, required: true },
  action: { type: String, required: true },
  actor: { type: actorSchema, required: true },
  at: { type: Date, required: true },
  changes: { type: Schema.Types.Mixed, default: {} },
});
auditEntrySchema.index({ entityType: 1, entityId: 1, at: -1, _id: -1 });

export type AuditEntryRecord = InferSchemaType<typeof auditEntrySchema>;
export type AuditEntryDoc = HydratedDocument<AuditEntryRecord>;
export const AuditEntry = model('AuditEntry', auditEntrySchema, 'auditEntries');
