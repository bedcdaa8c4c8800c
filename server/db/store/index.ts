// The stores, one per collection. Which implementation reads a collection is decided here
// and nowhere else: the collections with an in-process copy (../read-cache/COPIED_COLLECTIONS)
// get a CopyStore, which serves from the copy whenever copies are in use on the connection
// (FerretDB, decided once per connection from buildInfo; see read-cache/registry.ts) and
// from the database otherwise; the rest get a MongoStore.
import { Academy, type AcademyRecord } from '../../models/academy';
import { CalendarFeed, type CalendarFeedRecord } from '../../models/calendar-feed';
import { OutboxEmail, type OutboxEmailRecord } from '../../models/outbox-email';
import { EmailPreference, type EmailPreferenceRecord, TrustReminderSettings, type TrustReminderSettingsRecord } from '../../models/email-settings';
import { AuditEntry, type AuditEntryRecord } from '../../models/audit-entry';
import { Cluster, type ClusterRecord } from '../../models/cluster';
import { MaturityAssessment, type MaturityAssessmentRecord } from '../../models/maturity-assessment';
import { Deployment, type DeploymentRecord } from '../../models/deployment';
import { DirectoryUser, type DirectoryUserRecord } from '../../models/directory-user';
import { ImprovementNeed, type ImprovementNeedRecord } from '../../models/improvement-need';
import { StaffMember, type StaffMemberRecord } from '../../models/staff-member';
import { SupportOffer, type SupportOfferRecord } from '../../models/support-offer';
import { Trust, type TrustRecord } from '../../models/trust';
import { FsmBandingModel, type FsmBandingRecord } from '../../models/fsm-banding';
import { TrustCostSettings, type TrustCostSettingsRecord } from '../../models/trust-cost-settings';
import type { LeanDoc } from '../../models/lean';
import { CopyStore } from './copy-store';
import { MongoStore } from './mongo-store';
import type { Store } from './types';

export type TrustDoc = LeanDoc<TrustRecord>;
export type AcademyDoc = LeanDoc<AcademyRecord>;
export type ClusterDoc = LeanDoc<ClusterRecord>;
export type StaffDoc = LeanDoc<StaffMemberRecord>;
export type NeedDoc = LeanDoc<ImprovementNeedRecord>;
export type DeploymentDoc = LeanDoc<DeploymentRecord>;
export type AuditDoc = LeanDoc<AuditEntryRecord>;
export type DirectoryUserDoc = LeanDoc<DirectoryUserRecord>;
export type CalendarFeedDoc = LeanDoc<CalendarFeedRecord>;
export type OutboxEmailDoc = LeanDoc<OutboxEmailRecord>;
export type EmailPreferenceDoc = LeanDoc<EmailPreferenceRecord>;
export type TrustReminderSettingsDoc = LeanDoc<TrustReminderSettingsRecord>;
export type SupportOfferDoc = LeanDoc<SupportOfferRecord>;
export type FsmBandingDoc = LeanDoc<FsmBandingRecord>;
export type MaturityAssessmentDoc = LeanDoc<MaturityAssessmentRecord>;
export type TrustCostSettingsDoc = LeanDoc<TrustCostSettingsRecord>;

export interface Stores {
  trusts: Store<TrustDoc>;
  academies: Store<AcademyDoc>;
  clusters: Store<ClusterDoc>;
  staff: Store<StaffDoc>;
  needs: Store<NeedDoc>;
  deployments: Store<DeploymentDoc>;
  auditEntries: Store<AuditDoc>;
  directoryUsers: Store<DirectoryUserDoc>;
  calendarFeeds: Store<CalendarFeedDoc>;
  outboxEmails: Store<OutboxEmailDoc>;
  emailPreferences: Store<EmailPreferenceDoc>;
  trustReminderSettings: Store<TrustReminderSettingsDoc>;
  offers: Store<SupportOfferDoc>;
  fsmBandings: Store<FsmBandingDoc>;
  maturityAssessments: Store<MaturityAssessmentDoc>;
  trustCostSettings: Store<TrustCostSettingsDoc>;
}

export const stores: Stores = {
  trusts: new CopyStore<TrustDoc>(Trust),
  academies: new CopyStore<AcademyDoc>(Academy),
  clusters: new CopyStore<ClusterDoc>(Cluster),
  staff: new CopyStore<StaffDoc>(StaffMember),
  needs: new CopyStore<NeedDoc>(ImprovementNeed),
  deployments: new CopyStore<DeploymentDoc>(Deployment),
  // Not copied: read by one record's id, through its index.
  auditEntries: new MongoStore<AuditDoc>(AuditEntry),
  // Not copied: read by id or email, through their indexes.
  directoryUsers: new MongoStore<DirectoryUserDoc>(DirectoryUser),
  calendarFeeds: new MongoStore<CalendarFeedDoc>(CalendarFeed),
  outboxEmails: new MongoStore<OutboxEmailDoc>(OutboxEmail),
  // Not copied: read by address (emailKey) and by trustId, through their unique indexes.
  emailPreferences: new MongoStore<EmailPreferenceDoc>(EmailPreference),
  trustReminderSettings: new MongoStore<TrustReminderSettingsDoc>(TrustReminderSettings),
  // Copied: "waiting for me" asks for the open offers on a trust's needs on every home page.
  offers: new CopyStore<SupportOfferDoc>(SupportOffer),
  // Not copied: one small record read per report, the latest by computedAt.
  fsmBandings: new MongoStore<FsmBandingDoc>(FsmBandingModel),
  // Not copied: a trust's assessments are read by its id, through their index.
  maturityAssessments: new MongoStore<MaturityAssessmentDoc>(MaturityAssessment),
  // Not copied: a few trusts' rates, read by trustId through its unique index.
  trustCostSettings: new MongoStore<TrustCostSettingsDoc>(TrustCostSettings),
};

/**
 * Every store's `fresh`: the same collections read from the database whatever the
 * connection, for code handed a whole set of stores (the ranking facts when copies are not in
 * use, ../ranking-facts; the write services' shared helpers when their read decides a write).
 */
export const databaseStores: Stores = Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.fresh])) as unknown as Stores;

export { encodeCursor } from './keyset';
export { idString as recordIdString } from '../read-cache';
export type { Filter, FindOptions, ListWindow, SortKey, SortSpec, Store } from './types';
