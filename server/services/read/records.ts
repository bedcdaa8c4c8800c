// Records by id, for the schema's batch loaders and for nested fields that point at another
// record: one batch per type per tick (the loaders), or at once from memory when possible.
import { type AcademyDoc, type CalendarFeedDoc, type ClusterDoc, type OutboxEmailDoc, type SupportOfferDoc, type DeploymentDoc, type DirectoryUserDoc, type NeedDoc, recordIdString, type StaffDoc, type Stores, stores, type TrustDoc } from '../../db/store';

export type { SupportOfferDoc } from '../../db/store';
export type { AcademyDoc, AuditDoc, ClusterDoc, DeploymentDoc, DirectoryUserDoc, NeedDoc, StaffDoc, TrustDoc } from '../../db/store';

/** The collections a node of the API is read from. */
export type RecordKind = Exclude<keyof Stores, 'auditEntries' | 'fsmBandings' | 'maturityAssessments' | 'trustCostSettings' | 'emailPreferences' | 'trustReminderSettings'>;

interface DocOf {
  trusts: TrustDoc;
  academies: AcademyDoc;
  clusters: ClusterDoc;
  staff: StaffDoc;
  needs: NeedDoc;
  deployments: DeploymentDoc;
  directoryUsers: DirectoryUserDoc;
  calendarFeeds: CalendarFeedDoc;
  outboxEmails: OutboxEmailDoc;
  offers: SupportOfferDoc;
}

/** The records with these ids, in their order; null where none exists. */
export function recordsByIds<K extends RecordKind>(kind: K, ids: readonly string[]): Promise<(DocOf[K] | null)[]> {
  return (stores[kind] as unknown as { getMany(ids: readonly string[]): Promise<(DocOf[K] | null)[]> }).getMany(ids);
}

/** The record at once when it is in memory and up to date, else undefined (load it by id then). */
export function recordNow<K extends RecordKind>(kind: K, id: string): DocOf[K] | undefined {
  return (stores[kind] as unknown as { getNow(id: string): DocOf[K] | undefined }).getNow(id);
}
export type { ActorRecord } from '../../models/common';

/**
 * A record id (an ObjectId or its hex) as the string the stores look records up by:
 * `String(id)`, but for an id the copies hold, their own string (no hex encoding per call, and
 * a string whose hash the copy's map already knows: a nested page looks up about 200).
 */
export function recordKey(id: unknown): string {
  return recordIdString(id);
}
