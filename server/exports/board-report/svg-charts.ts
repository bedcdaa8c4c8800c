// Charts drawn on the server as inline SVG: no script, no external file, no style attribute
// (presentation attributes only), so they pass a strict content security policy, print
// sharply, and survive the PDF. Each chart has a <title> and <desc>, and the same figures
// stand in a table beside it for screen readers and for anyone copying them.
import { MATURITY_STAGES, type MaturityStage, STAGE_LABELS } from '../../domain/maturity-tool';
import { escapeHtml } from './escape';

export interface Bar {
  label: string;
  value: number;
}

const INK = '#1d2b36';
const BAR = '#1f6f8b';
const MUTED = '#6b7780';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Horizontal bars, largest value to scale; labels left, values at the bar's end. */
export function barChart(id: string, title: string, bars: readonly Bar[], unit: string): string {
  const width = 640;
  const labelWidth = 220;
  const barArea = width - labelWidth - 70;
  const rowHeight = 26;
  const height = Math.max(1, bars.length) * rowHeight + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const desc = bars.length ? bars.map((b) => `${b.label}: ${fmt(b.value)} ${unit}`).join('; ') : 'No data';
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * rowHeight;
      const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barArea));
      return [
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="${INK}">${escapeHtml(truncate(b.label, 30))}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${BAR}" rx="2"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + 17}" font-size="13" fill="${INK}">${fmt(b.value)}</text>`,
      ].join('');
    })
    .join('');
  const empty = bars.length ? '' : `<text x="10" y="22" font-size="13" fill="${MUTED}">Nothing delivered in this term.</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>${rows}${empty}</svg>`;
}

export interface MaturityDot {
  label: string;
  recorded: MaturityStage | null;
  previous: MaturityStage | null;
  proposed: MaturityStage | null;
}

/** One row per step, four stage columns: recorded (filled), previous (grey), proposed (ring). */
export function maturityChart(id: string, rows: readonly MaturityDot[]): string {
  const labelWidth = 90;
  const col = 120;
  const rowHeight = 24;
  const top = 28;
  const width = labelWidth + col * 4 + 10;
  const height = top + rows.length * rowHeight + 6;
  const x = (stage: MaturityStage) => labelWidth + col * MATURITY_STAGES.indexOf(stage) + col / 2;
  const header = MATURITY_STAGES.map((s) => `<text x="${x(s)}" y="18" text-anchor="middle" font-size="12" font-weight="bold" fill="${INK}">${STAGE_LABELS[s]}</text>`).join('');
  const body = rows
    .map((r, i) => {
      const y = top + i * rowHeight + rowHeight / 2;
      const parts = [`<text x="${labelWidth - 8}" y="${y + 4}" text-anchor="end" font-size="12" fill="${INK}">${escapeHtml(r.label)}</text>`];
      parts.push(`<line x1="${labelWidth}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#d5dbe0" stroke-width="1"/>`);
      if (r.previous && r.previous !== r.recorded) parts.push(`<circle cx="${x(r.previous)}" cy="${y}" r="6" fill="#b9c2c9"/>`);
      if (r.recorded) parts.push(`<circle cx="${x(r.recorded)}" cy="${y}" r="7" fill="${BAR}"/>`);
      if (r.proposed) parts.push(`<circle cx="${x(r.proposed)}" cy="${y}" r="10" fill="none" stroke="#b5541c" stroke-width="2"/>`);
      return parts.join('');
    })
    .join('');
  const desc = rows
    .map((r) => `${r.label}: recorded ${r.recorded ? STAGE_LABELS[r.recorded] : 'not yet'}${r.previous ? `, before ${STAGE_LABELS[r.previous]}` : ''}${r.proposed ? `, proposed ${STAGE_LABELS[r.proposed]}` : ''}`)
    .join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="${id}-title">Maturity by step: recorded stage (filled), previous (grey), proposed from the records (ring)</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>${header}${body}</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
