// The board report over HTTP: its figures equal what the API answers for a trust built
// through it, the HTML is self-contained (CSP, no script, inline SVG), the PDF is a real PDF,
// and only the trust's lead and ADMIN get it.
import { termOf } from '../../server/domain/school-term';
import { encodeGlobalId, startServer, startTestApi, type TestApi } from '../support/test-api';
import { type BuiltTrust, deliver, trustAtStage } from '../support/maturity-world';
import { createAcademy, createStaff, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let lead: string;
let t: BuiltTrust;
const term = termOf(new Date()).label;

const DEPLOYMENTS = `query ($filter: DeploymentFilter) {
  deployments(first: 100, filter: $filter) {
    edges { node { days status impactRating need { area } receivingAcademy { id trust { id } cluster { name } } } }
  }
}`;
const MATURITY = `query ($trustId: ID!) { trustMaturity(trustId: $trustId) { steps { step proposal { stage } current { stage } } } }`;
const RECORD = `mutation ($input: RecordMaturityAssessmentInput!) { recordMaturityAssessment(input: $input) { assessment { stage } userErrors { field message } } }`;

function reportUrl(path: string, params: Record<string, string>) {
  return `${api.url.replace(/\/graphql$/, '')}${path}?${new URLSearchParams(params)}`;
}
const get = (path: string, params: Record<string, string>, token: string | null) =>
  fetch(reportUrl(path, params), { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  t = await trustAtStage(api, admin, 'LEADING');
  lead = await api.token('IMPROVEMENT_LEAD', { trustId: t.trustId, sub: 'lead-board' });
  // A third school in no hub, supported in phonics by B's middle leader.
  const C = await createAcademy(api, admin, { name: 'Moorside Academy', trustId: t.trustId });
  const phonics = await createStaff(api, admin, t.academies.B!, { expertise: [{ area: 'PHONICS', level: 'EXPERT', phases: ['PRIMARY'] }] });
  const need = await raiseNeed(api, admin, C, { area: 'PHONICS', daysRequested: 5 });
  await deliver(api, admin, need.id, phonics.id, 5, 'ACTIVE');
  await must(api, RECORD, { input: { trustId: t.trustId, step: 'STEP_6', stage: 'EMBEDDING', evidence: 'First assessment' } }, lead, 'recordMaturityAssessment');
  await must(api, RECORD, { input: { trustId: t.trustId, step: 'STEP_6', stage: 'LEADING', evidence: 'Named impact in every deployment' } }, lead, 'recordMaturityAssessment');
}, 300_000);
afterAll(() => api.close());

/** The figure in the element carrying data-figure="name" inside the row marked data-kind="label". */
function rowFigure(html: string, kind: string, label: string, figure: string): number {
  const row = new RegExp(`<tr data-${kind}="${label.replace(/[()]/g, '\\$&')}">(.*?)</tr>`).exec(html);
  if (!row) throw new Error(`no ${kind} row ${label}`);
  return Number(new RegExp(`data-figure="${figure}">(\\d+)<`).exec(row[1]!)![1]);
}
const figure = (html: string, name: string) => Number(new RegExp(`data-figure="${name}">(\\d+)<`).exec(html)![1]);

describe('GET /reports/board', () => {
  it("has the figures the API gives for the trust's delivered support, by hub and by area, and its maturity", async () => {
    const res = await get('/reports/board', { trustId: t.trustId, term }, lead);
    expect(res.status).toBe(200);
    const html = await res.text();

    const listed = await api.gql(DEPLOYMENTS, { filter: { trustId: t.trustId, status: ['ACTIVE', 'COMPLETED'] } }, { token: lead });
    expect(listed.errors).toBeUndefined();
    const received = listed.data.deployments.edges.map((e: any) => e.node).filter((d: any) => d.receivingAcademy.trust?.id === t.trustId);
    const sum = (list: any[]) => list.reduce((s, d) => s + d.days, 0);
    expect(figure(html, 'total-deployments')).toBe(received.length);
    expect(figure(html, 'total-days')).toBe(sum(received));
    expect(figure(html, 'total-completed')).toBe(received.filter((d: any) => d.status === 'COMPLETED').length);

    const hubs = new Map<string, any[]>();
    for (const d of received) {
      const hub = d.receivingAcademy.cluster?.name ?? 'Not in a hub';
      hubs.set(hub, [...(hubs.get(hub) ?? []), d]);
    }
    expect(hubs.size).toBe(2);
    for (const [hub, list] of hubs) {
      expect(rowFigure(html, 'hub', hub, 'days')).toBe(sum(list));
      expect(rowFigure(html, 'hub', hub, 'deployments')).toBe(list.length);
    }
    expect(rowFigure(html, 'area', 'Phonics', 'days')).toBe(sum(received.filter((d: any) => d.need.area === 'PHONICS')));
    expect(rowFigure(html, 'area', 'Mathematics', 'days')).toBe(sum(received.filter((d: any) => d.need.area === 'MATHS')));

    // Days given beyond the trust: the head's 30 days to the outside school (listed by the API too).
    const outside = listed.data.deployments.edges.map((e: any) => e.node).filter((d: any) => d.receivingAcademy.trust?.id !== t.trustId);
    expect(figure(html, 'days-given-beyond')).toBe(sum(outside));

    const maturity = (await api.gql(MATURITY, { trustId: t.trustId }, { token: lead })).data.trustMaturity.steps;
    for (const step of maturity) {
      const row = new RegExp(`<tr data-step="${step.step}">(.*?)</tr>`).exec(html)![1]!;
      expect(/data-figure="recorded">([^<]*)</.exec(row)![1]).toBe(step.current ? step.current.stage[0] + step.current.stage.slice(1).toLowerCase() : '—');
      expect(/data-figure="proposed">([^<]*)</.exec(row)![1]).toBe(step.proposal ? step.proposal.stage[0] + step.proposal.stage.slice(1).toLowerCase() : '—');
    }
    expect(html).toContain('Up from Embedding');

    // The equity ledger of the term's school year, as the API gives it.
    const LEDGER = `query ($trustId: ID!, $schoolYear: String) { equityLedger(trustId: $trustId, schoolYear: $schoolYear) {
      bands { label daysRequested daysReceived } actualFlow { towardsMoreDisadvantaged } nearestAbleFlow { towardsMoreDisadvantaged } } }`;
    const ledger = await api.gql(LEDGER, { trustId: t.trustId, schoolYear: termOf(new Date()).schoolYear.label }, { token: lead });
    expect(ledger.errors).toBeUndefined();
    const bands = ledger.data.equityLedger.bands;
    expect(bands.length).toBeGreaterThan(0);
    for (const band of bands) {
      const escaped = band.label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      const start = html.indexOf(`<tr data-band="${escaped}">`);
      expect(start).toBeGreaterThan(-1);
      const row = html.slice(start, html.indexOf('</tr>', start));
      expect(Number(/data-figure="requested">(\d+)</.exec(row)![1])).toBe(band.daysRequested);
      expect(Number(/data-figure="received">(\d+)</.exec(row)![1])).toBe(band.daysReceived);
    }
    expect(figure(html, 'towards-more-disadvantaged')).toBe(ledger.data.equityLedger.actualFlow.towardsMoreDisadvantaged);
    expect(figure(html, 'nearest-able-towards-more-disadvantaged')).toBe(ledger.data.equityLedger.nearestAbleFlow.towardsMoreDisadvantaged);
  });

  it('is one self-contained page: a content security policy allowing only its style, no script, charts as inline SVG', async () => {
    const res = await get('/reports/board', { trustId: t.trustId, term }, admin);
    const html = await res.text();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'/);
    expect(html).not.toMatch(/<script|javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html.match(/<svg [^>]*role="img"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('@media print');
    expect(html).toContain(`<h1>${t.name}</h1>`);
    // The equity ledger's section, with its chart.
    expect(html).toContain('id="equity-ledger"');
    expect(html).toMatch(/<svg [^>]*id="chart-equity"/);
  });

  it('refuses without a token, to other roles and other trusts, and names a bad parameter', async () => {
    expect((await get('/reports/board', { trustId: t.trustId, term }, null)).status).toBe(401);
    const head = await api.token('HEADTEACHER', { academyId: t.academies.B });
    const otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: encodeGlobalId('Trust', '0123456789abcdef01234567') });
    for (const token of [head, otherLead]) {
      const res = await get('/reports/board', { trustId: t.trustId, term }, token);
      expect(res.status).toBe(403);
      expect((await res.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const badTerm = await get('/reports/board', { trustId: t.trustId, term: '2026-winter' }, lead);
    expect(badTerm.status).toBe(400);
    expect((await badTerm.json()).errors[0]).toMatchObject({ message: expect.stringContaining('term: "2026-winter" is not a term'), extensions: { code: 'BAD_USER_INPUT', argument: 'term' } });
    const noTrust = await get('/reports/board', { term }, lead);
    expect((await noTrust.json()).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'trustId' });
    const unknown = await get('/reports/board', { trustId: encodeGlobalId('Trust', '0123456789abcdef01234567'), term }, admin);
    expect(unknown.status).toBe(404);
  });
});

describe('GET /reports/board.pdf', () => {
  it('is a PDF of the same report, titled with the trust', async () => {
    const res = await get('/reports/board.pdf', { trustId: t.trustId, term }, lead);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="board-report-Leading-Learning-Trust-\d+-\d{4}-(autumn|spring|summer)\.pdf"$/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Chromium writes the page's <title> into the document information dictionary.
    expect(pdf.toString('latin1')).toContain(`/Title (${t.name}: board report`);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('answers 503 naming PDF_CHROMIUM_PATH when no Chromium is configured (production without the setting)', async () => {
    const production = await startServer({ config: { nodeEnv: 'production' } });
    try {
      const res = await fetch(`${production.origin}/reports/board.pdf?${new URLSearchParams({ trustId: t.trustId, term })}`, { headers: { authorization: `Bearer ${lead}` } });
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'PDF_UNAVAILABLE' }, message: expect.stringContaining('set PDF_CHROMIUM_PATH') });
    } finally {
      await production.close();
    }
  });
});
