// equityLedger(trustId, hubId, schoolYear): who received the support delivered, by band of
// disadvantage, and which way the days flowed, against the nearest-able-school baseline.
// Definitions: docs/equity.md; the figures: server/services/equity/.
import { equityLedger, type EquityLedger } from '../../server/services/equity/ledger';
import type { FlowCell, LedgerBand, LedgerFlow } from '../../server/services/equity/ledger-figures';
import { NAMES_NOTHING } from '../../server/domain/ids';
import { builder } from '../builder';
import { filterId } from '../ids';
import { recordOrId } from '../loaders';
import { ClusterRef, type ClusterShape, TrustRef, type TrustShape } from '../refs';
import { viewerOf } from '../viewer';
import { FsmBandingType } from './fsm-banding';

const EquityLedgerBandType = builder.objectRef<LedgerBand>('EquityLedgerBand').implement({
  description: 'One band of disadvantage in the ledger: the scope’s schools in it, the days they asked for, received and gave.',
  fields: (t) => ({
    band: t.int({ nullable: true, description: '1 (least disadvantaged) to 5 (most); null for schools whose FSM share is unknown.', resolve: (b) => b.band }),
    label: t.exposeString('label', { description: 'What the band is, e.g. "National FSM quintile 5 (highest): 38.2% to 100%".' }),
    schools: t.exposeInt('schools', { description: 'The trust’s (or hub’s) schools in the band.' }),
    daysRequested: t.exposeInt('daysRequested', { description: 'Days asked for by the needs these schools raised in the school year.' }),
    daysReceived: t.exposeInt('daysReceived', { description: 'Days of COMPLETED support these schools received, dated in the school year.' }),
    daysGiven: t.exposeInt('daysGiven', { description: 'Days of COMPLETED support these schools (or their staff) gave, wherever it went.' }),
    daysUnderWay: t.exposeInt('daysUnderWay', { description: 'Days of ACTIVE support these schools are receiving: under way, not counted as delivered.' }),
    shareOfDaysRequested: t.exposeFloat('shareOfDaysRequested', { description: 'daysRequested over all days requested in the scope (0 when none were).' }),
    shareOfDaysReceived: t.exposeFloat('shareOfDaysReceived', { description: 'daysReceived over all days received in the scope (0 when none were).' }),
  }),
});

const EquityFlowCellType = builder.objectRef<FlowCell>('EquityFlowCell').implement({
  description: 'Days that went from a school in one band to a school in another.',
  fields: (t) => ({
    fromBand: t.int({ nullable: true, description: 'The giving school’s band (null: unknown, or no able school).', resolve: (c) => c.fromBand }),
    toBand: t.int({ nullable: true, description: 'The receiving school’s band (null: unknown).', resolve: (c) => c.toBand }),
    days: t.exposeInt('days', { description: 'Days.' }),
  }),
});

const EquityFlowType = builder.objectRef<LedgerFlow>('EquityFlow').implement({
  description: 'Which way the days delivered to the scope’s schools went, between bands of disadvantage.',
  fields: (t) => ({
    towardsMoreDisadvantaged: t.exposeInt('towardsMoreDisadvantaged', { description: 'Days from a school in a lower band to one in a higher band.' }),
    withinBand: t.exposeInt('withinBand', { description: 'Days between schools of the same band.' }),
    towardsLessDisadvantaged: t.exposeInt('towardsLessDisadvantaged', { description: 'Days from a higher band to a lower one.' }),
    unknown: t.exposeInt('unknown', { description: 'Days where a school’s band is unknown (or, for the nearest-able baseline, no able school exists).' }),
    cells: t.field({ type: [EquityFlowCellType], description: 'Days for each (from, to) pair of bands that has any.', resolve: (f) => f.cells }),
  }),
});

const EquityLedgerType = builder.objectRef<EquityLedger>('EquityLedger').implement({
  description:
    'Delivered support (COMPLETED deployments; ACTIVE ones are shown as under way, never as delivered) by band of disadvantage for a trust or hub and a school year, and the flow of days between bands compared with sending each deployment’s days from the nearest able school. Definitions: docs/equity.md.',
  fields: (t) => ({
    trust: t.field({ type: TrustRef, description: 'The trust.', resolve: (l) => recordOrId<TrustShape>('trusts', l.trustId) }),
    hub: t.field({ type: ClusterRef, nullable: true, description: 'The hub, when the ledger is a hub’s.', resolve: (l) => (l.hubId ? recordOrId<ClusterShape>('clusters', l.hubId) : null) }),
    schoolYear: t.string({ description: 'The school year, e.g. "2026/27".', resolve: (l) => l.schoolYear.label }),
    yearStart: t.field({ type: 'Date', description: '1 September of the school year.', resolve: (l) => l.schoolYear.start }),
    yearEnd: t.field({ type: 'Date', description: '31 August of the school year.', resolve: (l) => l.schoolYear.end }),
    banding: t.field({ type: FsmBandingType, description: 'The bands (the same as plan fairness uses).', resolve: (l) => l.banding }),
    countsActiveAsDelivered: t.boolean({ description: 'Always false: only COMPLETED support counts as delivered.', resolve: () => false }),
    bands: t.field({ type: [EquityLedgerBandType], description: 'Bands 1 to 5, then the unknown band.', resolve: (l) => l.bands }),
    daysRequested: t.int({ description: 'All days requested in the scope and year.', resolve: (l) => l.totals.daysRequested }),
    daysReceived: t.int({ description: 'All delivered days received.', resolve: (l) => l.totals.daysReceived }),
    daysGiven: t.int({ description: 'All delivered days given by the scope’s schools.', resolve: (l) => l.totals.daysGiven }),
    daysUnderWay: t.int({ description: 'Days of ACTIVE support being received.', resolve: (l) => l.totals.daysUnderWay }),
    deploymentsDelivered: t.int({ description: 'COMPLETED deployments received by the scope’s schools.', resolve: (l) => l.totals.deploymentsDelivered }),
    actualFlow: t.field({ type: EquityFlowType, description: 'The flow of the days delivered, from the supporters’ schools.', resolve: (l) => l.actualFlow }),
    nearestAbleFlow: t.field({
      type: EquityFlowType,
      description: 'The same days had each deployment come from the nearest able school: the nearest school of the receiving school’s trust, other than itself, with a current staff member holding expertise in the area (docs/equity.md).',
      resolve: (l) => l.nearestAbleFlow,
    }),
    daysWithoutNearestAble: t.int({ description: 'Delivered days for which no able school could be found (no location, or no school able).', resolve: (l) => l.daysWithoutNearestAble }),
  }),
});

builder.queryField('equityLedger', (t) =>
  t.field({
    type: EquityLedgerType,
    description: "The equity ledger of a trust, or of one of its hubs, for a school year (default the current one). The trust's IMPROVEMENT_LEAD, the hub's EXECUTIVE_HEAD (with hubId), or ADMIN.",
    authScopes: { authenticated: true },
    args: {
      trustId: t.arg.id({ required: true, description: 'The trust.' }),
      hubId: t.arg.id({ description: 'Only this hub of the trust.' }),
      schoolYear: t.arg.string({ description: 'The school year, "2026/27" (default: the current one).' }),
    },
    resolve: (_root, args, context) => {
      const trustId = filterId(args.trustId, 'Trust') ?? NAMES_NOTHING;
      const hubId = filterId(args.hubId, 'Cluster');
      return equityLedger({ trustId, hubId, schoolYear: args.schoolYear ?? null }, viewerOf(context));
    },
  }),
);

