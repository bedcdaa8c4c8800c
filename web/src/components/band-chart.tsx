// Days by FSM band as a bar chart (Recharts): each band's share of the days asked for beside
// its share of the days given (allocated by a plan, received in the ledger). The chart is
// hidden from assistive technology; the caption (a table of the same figures, passed as
// children) carries the numbers for screen readers and for printing.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface BandShares {
  /** The axis label, short ("Band 1"); the table says what each band is. */
  name: string;
  /** Percentages, 0 to 100. */
  requested: number;
  given: number;
}

export function BandChart({ bands, givenName, children }: { bands: readonly BandShares[]; givenName: string; children: ReactNode }) {
  return (
    <figure className="fairness">
      <div className="chart" aria-hidden="true" inert>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={[...bands]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis unit="%" width={44} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
            <Legend formatter={(value: string) => <span className="legend-text">{value}</span>} />
            <Bar dataKey="requested" name="share of days asked for" fill="#9ecae1" isAnimationActive={false} />
            <Bar dataKey="given" name={givenName} fill="#08306b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{children}</figcaption>
    </figure>
  );
}
