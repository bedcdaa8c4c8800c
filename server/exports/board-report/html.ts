// The board report as one printable HTML page (docs/board-report.md): a style block (hashed
// into the response's content security policy), no script, no external file, inline SVG charts
// with the same figures in tables. The PDF (./pdf.ts) is Chromium printing this page.
import { createHash } from 'node:crypto';
import { STAGE_LABELS, type MaturityStage, MATURITY_STAGES } from '../../domain/maturity-tool';
import type { BoardReport, SupportRow } from '../../services/board-report';
import { escapeHtml as e } from './escape';
import { barChart, maturityChart } from './svg-charts';

/**
 * The equity ledger's section, when the caller has one (issue 19: the ledger is built
 * elsewhere and handed in as plain data). Without it the section is left out.
 */
export interface EquityLedgerSection {
  /** How the bands are defined (e.g. national FSM quintiles and the date of their cut points). */
  bandsNote: string;
  rows: readonly { band: string; daysRequested: number; daysReceived: number }[];
  /** Days that flowed from less to more disadvantaged schools, against sending help to the nearest able school. */
  flow?: { fromLessToMoreDisadvantaged: number; nearestAbleWouldGive: number } | null;
}

export const BOARD_REPORT_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2b36; margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; font-size: 14px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #1f6f8b; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta { color: #4a5a66; margin: 0 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.totals li { border: 1px solid #c7d0d6; border-radius: 4px; padding: .5rem .75rem; min-width: 9rem; }
.totals strong { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d5dbe0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
.stage { font-weight: bold; }
.note { color: #4a5a66; font-size: .9em; }
section { break-inside: auto; }
table, .chart, .totals { break-inside: avoid; }
h2, h3 { break-after: avoid; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The CSP source allowing exactly the style block above. */
export const BOARD_REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(BOARD_REPORT_STYLE).digest('base64')}'`;

const stage = (s: MaturityStage | null | undefined) => (s ? STAGE_LABELS[s] : '—');
const day = (d: Date) => d.toISOString().slice(0, 10);
const mean = (n: number | null) => (n == null ? '—' : n.toFixed(1));

function supportTable(caption: string, head: string, rows: readonly SupportRow[], kind: string): string {
  if (!rows.length) return `<p class="note">No support was delivered in this term.</p>`;
  const body = rows
    .map((r) => `<tr data-${kind}="${e(r.label)}"><th scope="row">${e(r.label)}</th><td class="n" data-figure="deployments">${r.deployments}</td><td class="n" data-figure="days">${r.days}</td><td class="n" data-figure="completed">${r.completed}</td><td class="n">${mean(r.meanImpact)}</td></tr>`)
    .join('');
  return `<table><caption>${e(caption)}</caption><thead><tr><th scope="col">${e(head)}</th><th scope="col" class="n">Deployments</th><th scope="col" class="n">Days</th><th scope="col" class="n">Completed</th><th scope="col" class="n">Mean impact (1-4)</th></tr></thead><tbody>${body}</tbody></table>`;
}

function progress(recorded: MaturityStage | null, previous: MaturityStage | null): string {
  if (!recorded) return 'Not yet assessed';
  if (!previous) return 'First assessment';
  const d = MATURITY_STAGES.indexOf(recorded) - MATURITY_STAGES.indexOf(previous);
  return d > 0 ? `Up from ${stage(previous)}` : d < 0 ? `Down from ${stage(previous)}` : `Unchanged (${stage(previous)})`;
}

function equitySection(ledger: EquityLedgerSection): string {
  const rows = ledger.rows
    .map((r) => `<tr data-band="${e(r.band)}"><th scope="row">${e(r.band)}</th><td class="n" data-figure="requested">${r.daysRequested}</td><td class="n" data-figure="received">${r.daysReceived}</td></tr>`)
    .join('');
  const flow = ledger.flow
    ? `<p>Days that went from less to more disadvantaged schools: <strong data-figure="towards-more-disadvantaged">${ledger.flow.fromLessToMoreDisadvantaged}</strong>; sending help to the nearest able school would have given <strong data-figure="nearest-able-towards-more-disadvantaged">${ledger.flow.nearestAbleWouldGive}</strong>.</p>`
    : '';
  return `<section id="equity-ledger" aria-labelledby="equity-heading"><h2 id="equity-heading">Equity ledger</h2><p class="note">${e(ledger.bandsNote)}</p>${barChart('chart-equity', 'Delivered days received by band of disadvantage', ledger.rows.map((r) => ({ label: r.band, value: r.daysReceived })), 'days')}<table><caption>Days requested and received by band</caption><thead><tr><th scope="col">Band</th><th scope="col" class="n">Days requested</th><th scope="col" class="n">Days received</th></tr></thead><tbody>${rows}</tbody></table>${flow}</section>`;
}

export function renderBoardReport(report: BoardReport, options: { equityLedger?: EquityLedgerSection | null } = {}): string {
  const r = report;
  const title = `${r.trust.name}: board report, ${r.term.title}`;
  const impactRows = r.impactCounts.map((count, i) => ({ label: `${i + 1} ${['little', 'some', 'good', 'transformational'][i]}`, value: count }));
  const maturityRows = r.maturity
    .map((m) => {
      const p = m.proposal;
      return `<tr data-step="${m.step}"><th scope="row">${e(m.label)}</th><td class="stage" data-figure="recorded">${stage(m.recorded?.stage)}</td><td>${m.recorded ? day(m.recorded.at) : '—'}</td><td data-figure="proposed">${p ? stage(p.stage) : '—'}</td><td>${m.recorded ? e(m.recorded.decision === 'ACCEPTED' ? 'Accepted' : m.recorded.decision === 'OVERRIDDEN' ? `Overridden (proposed ${stage(m.recorded.proposedStage)})` : 'No proposal') : '—'}</td><td>${e(progress(m.recorded?.stage ?? null, m.previousStage))}</td></tr>`;
    })
    .join('');
  const reasons = r.maturity
    .filter((m) => m.proposal)
    .map((m) => `<h3>${e(m.label)}: proposed ${stage(m.proposal!.stage)}</h3><ul>${m.proposal!.reasons.map((x) => `<li>${e(x.detail)}</li>`).join('')}</ul>${m.proposal!.toReachNextStage.length ? `<p class="note">For the next stage: ${e(m.proposal!.toReachNextStage.join('; '))}.</p>` : ''}`)
    .join('');
  const impactList = r.impact.length
    ? `<table><caption>Completed support and its named impact${r.impactTotal > r.impact.length ? `: the ${r.impact.length} strongest of ${r.impactTotal}` : ''}</caption><thead><tr><th scope="col">School</th><th scope="col">Area</th><th scope="col" class="n">Days</th><th scope="col" class="n">Impact</th><th scope="col">Evidence</th></tr></thead><tbody>${r.impact
        .map((i) => `<tr><td>${e(i.school)}</td><td>${e(i.area)}</td><td class="n">${i.days}</td><td class="n">${i.rating}</td><td>${e(i.evidence.length > 400 ? `${i.evidence.slice(0, 399)}…` : i.evidence)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="note">No support was completed in this term.</p>';

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${BOARD_REPORT_STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${e(r.trust.name)}</h1>
<p class="meta">Board report, ${e(r.term.title)}: ${day(r.term.start)} to ${day(r.term.end)}. Generated ${e(r.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC.</p>
</header>
<section id="support" aria-labelledby="support-heading">
<h2 id="support-heading">Support delivered</h2>
<ul class="totals">
<li><strong data-figure="total-deployments">${r.totals.deployments}</strong>deployments delivered (active or completed)</li>
<li><strong data-figure="total-days">${r.totals.days}</strong>days of support</li>
<li><strong data-figure="total-completed">${r.totals.completed}</strong>completed with impact recorded</li>
<li><strong data-figure="schools-supported">${r.totals.schoolsSupported}</strong>schools supported</li>
</ul>
<h3>By hub</h3>
${barChart('chart-hubs', 'Days of support received by hub', r.byHub.map((h) => ({ label: h.label, value: h.days })), 'days')}
${supportTable('Support received by hub', 'Hub', r.byHub, 'hub')}
<h3>By area</h3>
${barChart('chart-areas', 'Days of support by area of expertise', r.byArea.map((a) => ({ label: a.label, value: a.days })), 'days')}
${supportTable('Support received by area', 'Area', r.byArea, 'area')}
<h3>Beyond the trust</h3>
<p>Days given to schools outside the trust: <strong data-figure="days-given-beyond">${r.beyond.daysGiven}</strong>. Days received from outside the trust: <strong data-figure="days-received-beyond">${r.beyond.daysReceived}</strong>.</p>
</section>
<section id="impact" aria-labelledby="impact-heading">
<h2 id="impact-heading">Impact</h2>
${barChart('chart-impact', 'Completed deployments by impact rating', impactRows, 'deployments')}
${impactList}
</section>
${options.equityLedger ? equitySection(options.equityLedger) : ''}
<section id="maturity" aria-labelledby="maturity-heading">
<h2 id="maturity-heading">Maturity (RSC tool: characteristics of successful MATs)</h2>
<p class="note">Latest stage recorded by the trust for each step, the stage the service proposes from ${e(r.term.schoolYear.label)}'s records (Steps 6, 8 and 9), and progress since the assessment before.</p>
${maturityChart('chart-maturity', r.maturity.map((m) => ({ label: m.label, recorded: m.recorded?.stage ?? null, previous: m.previousStage, proposed: m.proposal?.stage ?? null })))}
<table><caption>Maturity by step</caption><thead><tr><th scope="col">Step</th><th scope="col">Recorded</th><th scope="col">On</th><th scope="col">Proposed now</th><th scope="col">Proposal then</th><th scope="col">Progress</th></tr></thead><tbody>${maturityRows}</tbody></table>
${reasons}
</section>
</main>
</body>
</html>
`;
}
