// Fairness of a plan: each FSM band's share of the days asked for against its share of the
// days allocated. A fair plan gives the poorer bands at least their share. The table under
// the chart carries the same numbers for screen readers and for printing.
import { percent } from '../format';
import { BandChart } from './band-chart';
import { TableScroll } from './table-scroll';

export interface FairnessGroupLike {
  group: string;
  label: string;
  needs: number;
  requestedDays: number;
  allocatedDays: number;
  requestedShare: number;
  allocatedShare: number;
  fillRate?: number | null;
}

export function FairnessChart({ groups }: { groups: readonly FairnessGroupLike[] }) {
  const bands = groups.map((g) => ({ name: g.group === 'UNKNOWN' ? 'Unknown' : g.group.replace('BAND_', 'Band '), requested: g.requestedShare * 100, given: g.allocatedShare * 100 }));
  return (
    <BandChart bands={bands} givenName="share of days allocated">
      <TableScroll label="Fairness by FSM band, as a table">
        <table>
          <caption>Days asked for and allocated, by the school's free school meals (FSM) band</caption>
          <thead>
            <tr>
              <th scope="col">FSM band</th>
              <th scope="col">Needs</th>
              <th scope="col">Days asked</th>
              <th scope="col">Days allocated</th>
              <th scope="col">Share asked</th>
              <th scope="col">Share allocated</th>
              <th scope="col">Filled</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">{g.label}</th>
                <td>{g.needs}</td>
                <td>{g.requestedDays}</td>
                <td>{g.allocatedDays}</td>
                <td>{percent(g.requestedShare * 100, 1)}</td>
                <td>{percent(g.allocatedShare * 100, 1)}</td>
                <td>{g.fillRate == null ? '—' : percent(g.fillRate * 100, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </BandChart>
  );
}
