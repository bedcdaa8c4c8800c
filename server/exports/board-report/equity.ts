// The board report's equity section from the equity ledger (services/equity): the ledger of
// the report term's school year, put in the plain shape the page renders.
import type { EquityLedger } from '../../services/equity/ledger';
import type { EquityLedgerSection } from './html';

const day = (d: Date) => d.toISOString().slice(0, 10);

export function equitySectionOf(ledger: EquityLedger): EquityLedgerSection {
  const { banding } = ledger;
  const bandsNote =
    banding.basis === 'FIXED_20_POINT_BANDS'
      ? `School year ${ledger.schoolYear.label}, delivered (completed) support only. Bands of disadvantage are fixed 20-point steps of the share of pupils eligible for free school meals (no school register has been imported, so national quintiles are not known).`
      : `School year ${ledger.schoolYear.label}, delivered (completed) support only. Bands are national quintiles of schools' share of pupils eligible for free school meals (cut points ${banding.cutPoints.join(', ')} %, computed on ${banding.computedAt ? day(banding.computedAt) : 'an unknown date'} from ${banding.schoolCount ?? 'the'} schools in the register); band 5 is the most disadvantaged.`;
  return {
    bandsNote,
    rows: ledger.bands.map((b) => ({ band: b.label, daysRequested: b.daysRequested, daysReceived: b.daysReceived })),
    flow: { fromLessToMoreDisadvantaged: ledger.actualFlow.towardsMoreDisadvantaged, nearestAbleWouldGive: ledger.nearestAbleFlow.towardsMoreDisadvantaged },
  };
}
