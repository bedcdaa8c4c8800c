// Fairness of a plan: each FSM band's share of the days asked for against its share of the
// days allocated (Recharts). A fair plan gives the poorer bands at least their share. The
// table below the chart carries the same numbers for screen readers and for printing.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../format';
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
  // The axis names bands short ("Band 1"); the table below says what each band is.
  const data = groups.map((g) => ({ name: g.group === 'UNKNOWN' ? 'Unknown' : g.group.replace('BAND_', 'Band '), requested: g.requestedShare * 100, allocated: g.allocatedShare * 100 }));
  return (
    <figure className="fairness">
      <div className="chart" aria-hidden="true" inert>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis unit="%" width={44} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
            <Legend formatter={(value: string) => <span className="legend-text">{value}</span>} />
            <Bar dataKey="requested" name="share of days asked for" fill="#9ecae1" isAnimationActive={false} />
            <Bar dataKey="allocated" name="share of days allocated" fill="#08306b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
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
      </figcaption>
    </figure>
  );
}
