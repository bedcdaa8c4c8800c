import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { Trust, type TrustDoc } from '../models/trust';
import { recordAudit } from './audit';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, userError } from './user-errors';

const createTrustInput = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
  region: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
});

export async function createTrust(viewer: Viewer, input: unknown): Promise<Outcome<TrustDoc>> {
  if (!policy.createTrust(viewer)) throw new ForbiddenError('only an ADMIN may create a trust');
  const parsed = createTrustInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { name, region } = parsed.data;
  const actor = actorOf(viewer);
  try {
    const trust = await Trust.create({ name, nameKey: name.toLowerCase(), region: region ?? null, createdBy: actor, updatedBy: actor });
    await recordAudit('Trust', trust._id, 'CREATED', actor, { name: { from: null, to: name }, region: { from: null, to: region ?? null } });
    return ok(trust);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('name', `a trust named "${name}" already exists`, 'TAKEN'));
    throw error;
  }
}
