// The board report's HTML (server/exports/board-report/html.ts) from plain data: the equity
// ledger's section appears only when a ledger is given, text is escaped, and the page holds
// no script, no style attribute and nothing from another host.
import { createHash } from 'node:crypto';
import { MATURITY_TOOL } from '../../../server/domain/maturity-tool';
import { parseTermLabel } from '../../../server/domain/school-term';
import { BOARD_REPORT_STYLE, BOARD_REPORT_STYLE_HASH, renderBoardReport } from '../../../server/exports/board-report/html';
import type { BoardReport } from '../../../server/services/board-report';

function report(name: string): BoardReport {
  return {
    trust: { id: 'x', name },
    term: parseTermLabel('2027-spring')!,
    generatedAt: new Date('2027-02-01T10:00:00Z'),
    totals: { deployments: 2, days: 7, completed: 1, schoolsSupported: 2 },
    byHub: [{ label: 'North <Hub>', deployments: 2, days: 7, completed: 1, meanImpact: 3 }],
    byArea: [{ label: 'Phonics', deployments: 2, days: 7, completed: 1, meanImpact: 3 }],
    impactCounts: [0, 0, 1, 0],
    impact: [{ school: 'Vale & Moor', area: 'Phonics', days: 3, rating: 3, evidence: '<img src=x onerror=alert(1)>' }],
    impactTotal: 1,
    beyond: { daysGiven: 0, daysReceived: 0 },
    maturity: MATURITY_TOOL.map((d) => ({ step: d.step, label: d.label, title: d.title, recorded: null, previousStage: null, proposal: null })),
  };
}

describe('renderBoardReport', () => {
  it('leaves the equity ledger out without one, and renders the one given', () => {
    expect(renderBoardReport(report('T'))).not.toContain('id="equity-ledger"');
    const html = renderBoardReport(report('T'), {
      equityLedger: {
        bandsNote: 'National quintiles of the FSM share, cut points of 2026-10-01',
        rows: [
          { band: 'Q1 (least disadvantaged fifth)', daysRequested: 4, daysReceived: 1 },
          { band: 'Q5 (most disadvantaged fifth)', daysRequested: 12, daysReceived: 9 },
        ],
        flow: { fromLessToMoreDisadvantaged: 8, nearestAbleWouldGive: 5 },
      },
    });
    const section = /<section id="equity-ledger"[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toContain('<h2 id="equity-heading">Equity ledger</h2>');
    expect(section).toContain('National quintiles of the FSM share, cut points of 2026-10-01');
    expect(section).toContain('<tr data-band="Q5 (most disadvantaged fifth)"><th scope="row">Q5 (most disadvantaged fifth)</th><td class="n" data-figure="requested">12</td><td class="n" data-figure="received">9</td></tr>');
    expect(section).toContain('<strong data-figure="towards-more-disadvantaged">8</strong>; sending help to the nearest able school would have given <strong data-figure="nearest-able-towards-more-disadvantaged">5</strong>');
    expect(section).toMatch(/<svg [^>]*id="chart-equity"/);
  });

  it('escapes every text it is given', () => {
    const html = renderBoardReport(report('<script>alert(1)</script> Trust'));
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Trust</h1>');
    expect(html).toContain('North &lt;Hub&gt;');
    expect(html).toContain('Vale &amp; Moor');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|\sstyle="/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
  });

  it("its style block is the one the content security policy's hash allows", () => {
    const html = renderBoardReport(report('T'));
    expect(html).toContain(`<style>${BOARD_REPORT_STYLE}</style>`);
    expect(BOARD_REPORT_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(BOARD_REPORT_STYLE).digest('base64')}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });
});
