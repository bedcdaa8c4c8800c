// One improvement need: where, what, how urgent and why (its priority factors).
import { Link } from 'react-router';
import type { ResultOf } from '../api/graphql';
import type { NeedSummaryFields } from '../api/fragments';
import { days, label, percent, score } from '../format';
import { FactorList, ScoreBar } from './score-bar';

export type NeedSummary = ResultOf<typeof NeedSummaryFields>;

export function NeedCard({ need, link = true, maxPriority = 1 }: { need: NeedSummary; link?: boolean; maxPriority?: number }) {
  const title = `${label(need.area)} at ${need.academy.name}`;
  return (
    <article className="card need-card" aria-label={title}>
      <header className="card-header">
        <h3>{link ? <Link to={`/needs/${encodeURIComponent(need.id)}`}>{title}</Link> : title}</h3>
        <span className={`badge severity-${need.severity.toLowerCase()}`}>{label(need.severity)}</span>
      </header>
      <p className="meta">
        {label(need.phase)} · {days(need.daysOutstanding)} of {need.daysRequested} still to arrange · status {label(need.status)}
      </p>
      <p className="meta">
        FSM {percent(need.academy.fsmPercent, 1)} · {need.academy.latestInspection.label}
        {need.academy.cluster ? ` · ${need.academy.cluster.name}` : ''}
      </p>
      <div className="priority">
        <span>
          Priority <strong>{score(need.priority)}</strong>
        </span>
        <ScoreBar factors={need.priorityFactors} total={need.priority} max={maxPriority} />
      </div>
      <details>
        <summary>Why this priority</summary>
        <FactorList factors={need.priorityFactors} />
      </details>
    </article>
  );
}
