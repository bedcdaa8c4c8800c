// A score as a bar split into each factor's contribution (the contributions add up to the
// score), with every factor's detail text under it. Plain CSS rather than a chart library:
// one horizontal stacked bar per row needs no axes, lays out at phone width without
// measuring, and stays readable text for screen readers (the bar itself is decorative).
import { factorLabel, score as formatScore } from '../format';

export interface Factor {
  name: string;
  weight: number;
  value: number;
  contribution: number;
  detail?: string | null;
}

const COLOURS = ['#1f6fb2', '#2a9d8f', '#e9a03b', '#8a5ac7', '#d1495b', '#5c6f82', '#66a61e', '#b07aa1', '#8c564b', '#17becf'];

export function factorColour(index: number): string {
  return COLOURS[index % COLOURS.length]!;
}

export function ScoreBar({ factors, total, max = 1 }: { factors: readonly Factor[]; total: number; max?: number }) {
  const scale = max > 0 ? 100 / max : 0;
  return (
    <div className="score-bar" aria-hidden="true" title={`score ${formatScore(total)}`}>
      {factors.map((f, i) =>
        f.contribution > 0 ? (
          <span key={f.name} className="score-segment" style={{ width: `${Math.min(100, f.contribution * scale)}%`, background: factorColour(i) }} />
        ) : null,
      )}
    </div>
  );
}

export function FactorList({ factors }: { factors: readonly Factor[] }) {
  return (
    <ul className="factor-list">
      {factors.map((f, i) => (
        <li key={f.name} data-factor={f.name}>
          <span className="swatch" style={{ background: factorColour(i) }} aria-hidden="true" />
          <span className="factor-name">{factorLabel(f.name)}</span> <span className="factor-contribution">+{formatScore(f.contribution)}</span>
          {f.detail ? <span className="factor-detail">: {f.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
