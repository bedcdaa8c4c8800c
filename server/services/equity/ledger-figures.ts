// The equity ledger's arithmetic (docs/equity.md): plain records in, the ledger out. No
// database: server/services/equity/ledger.ts loads the records and calls this.
//
// - Delivered support is COMPLETED deployments. ACTIVE ones (under way, their days not yet
//   all given) are counted apart, as days under way, and in no other figure.
// - A school's band is its band of disadvantage (domain/fsm-bands.ts) by its FSM share.
// - Requested: the days asked for by the needs the scope's schools raised in the year.
//   Received: delivered days at the scope's schools. Given: delivered days whose supporter
//   (the supporting school, or the supporting person's home school) is one of the scope's
//   schools, wherever they went.
// - The flow: each delivered day received in the scope goes from the supporter's band to the
//   receiving school's band: towards more disadvantage (higher band), within a band, or
//   towards less.
// - The nearest-able comparison: the same days, each deployment's from the nearest able
//   school instead (nearestAbleSchool below), so the two flows differ only in who gave.
import { type FsmBand, type FsmBanding, FSM_BANDS, fsmBandLabel, fsmBandOf } from '../../domain/fsm-bands';
import { haversineKm, isKnownPoint } from '../../ranking/geo';

export interface LedgerSchool {
  id: string;
  urn: string;
  fsmPercent: number | null;
  latitude: number | null;
  longitude: number | null;
  trustId: string | null;
}

export interface LedgerDeployment {
  id: string;
  status: 'COMPLETED' | 'ACTIVE';
  days: number;
  area: string;
  receivingAcademyId: string;
  /** The supporting school, or the supporting person's home school; null when unknown. */
  supporterAcademyId: string | null;
}

export interface LedgerNeed {
  academyId: string;
  daysRequested: number;
}

export interface LedgerInput {
  banding: FsmBanding;
  /** The trust's (or hub's) schools. */
  scopeIds: ReadonlySet<string>;
  /** Every school a record names, the scope's and others. */
  schools: ReadonlyMap<string, LedgerSchool>;
  /** COMPLETED and ACTIVE deployments received by, or given from, the scope's schools in the year. */
  deployments: readonly LedgerDeployment[];
  /** Needs raised by the scope's schools in the year. */
  needs: readonly LedgerNeed[];
  /** For each area, the schools able to support in it (see nearestAbleSchool). */
  ableByArea: ReadonlyMap<string, readonly LedgerSchool[]>;
}

export interface LedgerBand {
  /** 1 (least disadvantaged) to 5, or null for schools with no known FSM share. */
  band: FsmBand | null;
  label: string;
  /** The scope's schools in the band. */
  schools: number;
  daysRequested: number;
  daysReceived: number;
  daysGiven: number;
  daysUnderWay: number;
  /** daysReceived / all days received (0 when none were). */
  shareOfDaysReceived: number;
  /** daysRequested / all days requested (0 when none were). */
  shareOfDaysRequested: number;
}

export interface FlowCell {
  fromBand: FsmBand | null;
  toBand: FsmBand | null;
  days: number;
}

export interface LedgerFlow {
  /** Days from a less to a more disadvantaged band (both known). */
  towardsMoreDisadvantaged: number;
  withinBand: number;
  towardsLessDisadvantaged: number;
  /** Days where either school's band is unknown, or (nearest able) no able school exists. */
  unknown: number;
  /** Every (from, to) pair with days, bands ascending, unknown last. */
  cells: FlowCell[];
}

export interface LedgerFigures {
  bands: LedgerBand[];
  totals: { daysRequested: number; daysReceived: number; daysGiven: number; daysUnderWay: number; deploymentsDelivered: number };
  actualFlow: LedgerFlow;
  nearestAbleFlow: LedgerFlow;
  /** Delivered days for which no able school could be found (no location, or none able). */
  daysWithoutNearestAble: number;
}

/**
 * The nearest able school for a delivered deployment: among the schools in the receiving
 * school's trust, other than the receiving school, those with a current staff member (one
 * who has not left) holding expertise in the deployment's area, the one nearest the
 * receiving school in a straight line (great-circle distance between their recorded
 * locations); ties go to the lower URN. None when the receiving school has no trust or no
 * location, or no such school has a location. Capacity is not considered: it is the
 * baseline of geography alone.
 */
export function nearestAbleSchool(receiving: LedgerSchool, able: readonly LedgerSchool[]): LedgerSchool | null {
  if (!receiving.trustId || !isKnownPoint(pointOf(receiving))) return null;
  let best: { school: LedgerSchool; km: number } | null = null;
  for (const school of able) {
    if (school.id === receiving.id || school.trustId !== receiving.trustId) continue;
    const point = pointOf(school);
    if (!isKnownPoint(point)) continue;
    const km = haversineKm(pointOf(receiving)!, point);
    if (!best || km < best.km || (km === best.km && school.urn < best.school.urn)) best = { school, km };
  }
  return best?.school ?? null;
}

function pointOf(s: LedgerSchool) {
  return s.latitude == null || s.longitude == null ? null : { latitude: s.latitude, longitude: s.longitude };
}

const BAND_KEYS: readonly (FsmBand | null)[] = [...FSM_BANDS, null];

class FlowTally {
  private readonly cells = new Map<string, FlowCell>();
  readonly flow: Omit<LedgerFlow, 'cells'> = { towardsMoreDisadvantaged: 0, withinBand: 0, towardsLessDisadvantaged: 0, unknown: 0 };

  add(from: FsmBand | null, to: FsmBand | null, days: number): void {
    const key = `${from}:${to}`;
    const cell = this.cells.get(key) ?? { fromBand: from, toBand: to, days: 0 };
    cell.days += days;
    this.cells.set(key, cell);
    const f = this.flow as { -readonly [K in keyof LedgerFlow]: number };
    if (from === null || to === null) f.unknown += days;
    else if (to > from) f.towardsMoreDisadvantaged += days;
    else if (to === from) f.withinBand += days;
    else f.towardsLessDisadvantaged += days;
  }

  result(): LedgerFlow {
    const order = (b: FsmBand | null) => BAND_KEYS.indexOf(b);
    const cells = [...this.cells.values()].sort((a, b) => order(a.fromBand) - order(b.fromBand) || order(a.toBand) - order(b.toBand));
    return { ...this.flow, cells };
  }
}

export function computeLedger(input: LedgerInput): LedgerFigures {
  const cuts = input.banding.cutPoints;
  const bandOfSchool = (id: string | null) => (id ? fsmBandOf(input.schools.get(id)?.fsmPercent ?? null, cuts) : null);
  const rows = new Map<FsmBand | null, Omit<LedgerBand, 'shareOfDaysReceived' | 'shareOfDaysRequested'>>(
    BAND_KEYS.map((band) => [band, { band, label: fsmBandLabel(band, input.banding), schools: 0, daysRequested: 0, daysReceived: 0, daysGiven: 0, daysUnderWay: 0 }]),
  );
  const row = (band: FsmBand | null) => rows.get(band)!;
  for (const id of input.scopeIds) row(bandOfSchool(id)).schools += 1;
  for (const need of input.needs) if (input.scopeIds.has(need.academyId)) row(bandOfSchool(need.academyId)).daysRequested += need.daysRequested;

  const actual = new FlowTally();
  const nearest = new FlowTally();
  let daysWithoutNearestAble = 0;
  let deploymentsDelivered = 0;
  for (const d of input.deployments) {
    const received = input.scopeIds.has(d.receivingAcademyId);
    const given = d.supporterAcademyId !== null && input.scopeIds.has(d.supporterAcademyId);
    const toBand = bandOfSchool(d.receivingAcademyId);
    if (d.status === 'ACTIVE') {
      if (received) row(toBand).daysUnderWay += d.days;
      continue;
    }
    if (given) row(bandOfSchool(d.supporterAcademyId)).daysGiven += d.days;
    if (!received) continue;
    deploymentsDelivered += 1;
    row(toBand).daysReceived += d.days;
    actual.add(bandOfSchool(d.supporterAcademyId), toBand, d.days);
    const receiving = input.schools.get(d.receivingAcademyId);
    const able = receiving ? nearestAbleSchool(receiving, input.ableByArea.get(d.area) ?? []) : null;
    if (!able) daysWithoutNearestAble += d.days;
    nearest.add(able ? fsmBandOf(able.fsmPercent, cuts) : null, toBand, d.days);
  }

  const all = [...rows.values()];
  const totalReceived = all.reduce((t, r) => t + r.daysReceived, 0);
  const totalRequested = all.reduce((t, r) => t + r.daysRequested, 0);
  return {
    bands: all.map((r) => ({
      ...r,
      shareOfDaysReceived: totalReceived > 0 ? r.daysReceived / totalReceived : 0,
      shareOfDaysRequested: totalRequested > 0 ? r.daysRequested / totalRequested : 0,
    })),
    totals: {
      daysRequested: totalRequested,
      daysReceived: totalReceived,
      daysGiven: all.reduce((t, r) => t + r.daysGiven, 0),
      daysUnderWay: all.reduce((t, r) => t + r.daysUnderWay, 0),
      deploymentsDelivered,
    },
    actualFlow: actual.result(),
    nearestAbleFlow: nearest.result(),
    daysWithoutNearestAble,
  };
}
