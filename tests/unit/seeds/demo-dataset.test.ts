import { buildDemoDataset } from '../../../seeds/demo';

describe('demo dataset', () => {
  const data = buildDemoDataset();

  it('is deterministic', () => {
    expect(buildDemoDataset()).toEqual(data);
  });

  it('resolves every reference and keeps URNs and emails unique', () => {
    const urns = new Set(data.academies.map((a) => a.urn));
    const emails = new Set(data.staff.map((s) => s.email.toLowerCase()));
    const trusts = new Set(data.trusts.map((t) => t.key));
    expect(urns.size).toBe(data.academies.length);
    expect(emails.size).toBe(data.staff.length);
    for (const a of data.academies) if (a.trustKey) expect(trusts).toContain(a.trustKey);
    for (const s of data.staff) expect(urns).toContain(s.homeAcademyUrn);
    for (const n of data.needs) expect(urns).toContain(n.academyUrn);
    for (const d of data.completedDeployments) {
      expect(urns).toContain(d.needAcademyUrn);
      expect(emails).toContain(d.staffEmail.toLowerCase());
    }
  });

  it('has ASPIRE-style hubs: 3-4 academies in one trust, a good or outstanding lead, an executive head based there', () => {
    const byUrn = new Map(data.academies.map((a) => [a.urn, a]));
    const trustHubs = data.clusters.filter((c) => c.trustKey === data.trusts[0]!.key);
    expect(trustHubs.length).toBeGreaterThanOrEqual(3);
    for (const hub of data.clusters) {
      expect(hub.memberAcademyUrns.length).toBeGreaterThanOrEqual(3);
      expect(hub.memberAcademyUrns.length).toBeLessThanOrEqual(4);
      expect(hub.memberAcademyUrns).toContain(hub.leadAcademyUrn);
      expect(['OUTSTANDING', 'GOOD']).toContain(byUrn.get(hub.leadAcademyUrn)!.ofstedRating);
      for (const urn of hub.memberAcademyUrns) expect(byUrn.get(urn)!.trustKey).toBe(hub.trustKey);
      const head = data.staff.find((s) => s.email === hub.executiveHeadEmail)!;
      expect(head.role).toBe('EXECUTIVE_HEADTEACHER');
      expect(head.homeAcademyUrn).toBe(hub.leadAcademyUrn);
    }
    const inHub = new Set(data.clusters.flatMap((c) => c.memberAcademyUrns));
    expect(inHub.size).toBe(data.clusters.reduce((n, c) => n + c.memberAcademyUrns.length, 0));
  });

  it('is big and varied enough to explore', () => {
    expect(data.trusts.length).toBeGreaterThanOrEqual(2);
    expect(data.academies.filter((a) => a.trustKey === null).length).toBeGreaterThanOrEqual(3);
    expect(data.staff.length).toBeGreaterThanOrEqual(60);
    expect(data.needs.length).toBeGreaterThanOrEqual(15);
    const fsm = data.academies.map((a) => a.fsmPercent ?? 0);
    expect(Math.min(...fsm)).toBeLessThanOrEqual(8);
    expect(Math.max(...fsm)).toBeGreaterThanOrEqual(55);
    expect(new Set(data.academies.map((a) => a.phase)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(data.academies.map((a) => a.ofstedRating))).toEqual(new Set(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE']));
    expect(data.staff.some((s) => s.safeguardingCheckExpiresOn && s.safeguardingCheckExpiresOn < '2026-01-01')).toBe(true);
  });
});
