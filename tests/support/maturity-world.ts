// Trusts built through the API whose records put Steps 6, 8 and 9 of the maturity tool at a
// chosen stage (the counts are worked out beside each scenario; docs/maturity.md has the
// thresholds). Used by tests/api/maturity.test.ts and tests/api/board-report.test.ts.
import type { TestApi } from './test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from './world';

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field code message } } }`;
const MOVE = (name: string) => `mutation ($input: DeploymentIdInput!) { ${name}(input: $input) { deployment { id status } userErrors { code message } } }`;
const COMPLETE = `mutation ($input: CompleteDeploymentInput!) { completeDeployment(input: $input) { deployment { id status } userErrors { field code message } } }`;

export type Stage = 'BEGINNING' | 'DEVELOPING' | 'EMBEDDING' | 'LEADING';

export interface BuiltTrust {
  trustId: string;
  name: string;
  academies: Record<string, string>;
  hubId: string;
  /** A school outside the trust (in no trust). */
  outsideId: string;
}

/** Support from a staff member to a need, moved on to ACTIVE, or COMPLETED with its impact. */
export async function deliver(api: TestApi, admin: string, needId: string, staffId: string, days: number, end: 'ACTIVE' | 'COMPLETED', impact = 3): Promise<string> {
  const { deployment } = await must(api, PROPOSE, { input: { needId, staffId, days } }, admin, 'proposeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: deployment.id } }, admin, 'agreeDeployment');
  await must(api, MOVE('startDeployment'), { input: { id: deployment.id } }, admin, 'startDeployment');
  if (end === 'COMPLETED') await must(api, COMPLETE, { input: { id: deployment.id, impactRating: impact, impactEvidence: 'Pupils in the target group made expected progress' } }, admin, 'completeDeployment');
  return deployment.id;
}

let trusts = 0;

/** A trust of two schools (A leads the hub, B is supported) and a school outside any trust, X. */
async function baseTrust(api: TestApi, admin: string, label: string): Promise<BuiltTrust> {
  trusts += 1;
  const name = `${label} Learning Trust ${trusts}`;
  const trustId = await createTrust(api, admin, name);
  const A = await createAcademy(api, admin, { name: `${label} Lead Academy ${trusts}`, trustId });
  const B = await createAcademy(api, admin, { name: `${label} Vale Academy ${trusts}`, trustId, fsmPercent: 45 });
  const outsideId = await createAcademy(api, admin, { name: `${label} Outside School ${trusts}`, fsmPercent: 38 });
  const hub = await must(api, CREATE_CLUSTER, { input: { name: `${label} Hub`, trustId, leadAcademyId: A, memberAcademyIds: [B] } }, admin, 'createCluster');
  return { trustId, name, academies: { A, B }, hubId: hub.cluster.id, outsideId };
}

/**
 * A trust at `stage` on Steps 6, 8 and 9 at once.
 * - BEGINNING: one need at B, nothing delivered; 2 staff; no designations.
 * - DEVELOPING: needs 2, 1 met by a teacher from A (ACTIVE: no named impact) → 50 % met, 0 % named.
 *   Staff 10, 1 supported → 10 %, no senior leader across. Step 9: 3 days received from X only.
 * - EMBEDDING: needs 2, both met (100 %), 1 of 2 with named impact (50 %). Staff 5, 2 supported
 *   (a senior leader and a head: 40 %, seniors across 2/2, no middle leader or teacher). Step 9:
 *   the senior leader (an SLE) gives 10 days to X.
 * - LEADING: needs 2, both met, both completed with impact (100 %). Staff 3 (head NLE, teacher
 *   SLE at A; middle leader NLG at B), the head and the teacher supported B (67 %, 1/1 senior,
 *   1 teacher). Step 9: the head gives 30 days to X; NLE, SLE and NLG.
 */
export async function trustAtStage(api: TestApi, admin: string, stage: Stage): Promise<BuiltTrust> {
  const t = await baseTrust(api, admin, stage[0] + stage.slice(1).toLowerCase());
  const { A, B } = t.academies as { A: string; B: string };
  const need = (academyId: string, daysRequested = 6) => raiseNeed(api, admin, academyId, { daysRequested }).then((n) => n.id as string);
  switch (stage) {
    case 'BEGINNING': {
      await createStaff(api, admin, A);
      await createStaff(api, admin, B);
      await need(B);
      break;
    }
    case 'DEVELOPING': {
      const teacher = await createStaff(api, admin, A, { role: 'TEACHER' });
      for (let i = 0; i < 4; i += 1) await createStaff(api, admin, A);
      for (let i = 0; i < 5; i += 1) await createStaff(api, admin, B);
      const outsider = await createStaff(api, admin, t.outsideId);
      const n1 = await need(B);
      const n2 = await need(B);
      await deliver(api, admin, n1, teacher.id, 2, 'ACTIVE');
      await deliver(api, admin, n2, outsider.id, 3, 'COMPLETED');
      break;
    }
    case 'EMBEDDING': {
      const senior = await createStaff(api, admin, A, { role: 'SENIOR_LEADER', designations: ['SLE'], capacityDays: 30 });
      const head = await createStaff(api, admin, A, { role: 'HEADTEACHER' });
      for (let i = 0; i < 3; i += 1) await createStaff(api, admin, B);
      const n1 = await need(B);
      const n2 = await need(B);
      const nx = await need(t.outsideId, 10);
      await deliver(api, admin, n1, senior.id, 2, 'COMPLETED', 4);
      await deliver(api, admin, n2, head.id, 2, 'ACTIVE');
      await deliver(api, admin, nx, senior.id, 10, 'ACTIVE');
      break;
    }
    case 'LEADING': {
      const head = await createStaff(api, admin, A, { role: 'HEADTEACHER', designations: ['NLE'], capacityDays: 40 });
      const teacher = await createStaff(api, admin, A, { role: 'TEACHER', designations: ['SLE'] });
      await createStaff(api, admin, B, { designations: ['NLG'] });
      const n1 = await need(B);
      const n2 = await need(B);
      const nx = await need(t.outsideId, 30);
      await deliver(api, admin, n1, head.id, 3, 'COMPLETED', 4);
      await deliver(api, admin, n2, teacher.id, 4, 'COMPLETED', 3);
      await deliver(api, admin, nx, head.id, 30, 'COMPLETED', 4);
      break;
    }
  }
  return t;
}
