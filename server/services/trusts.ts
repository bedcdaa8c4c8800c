import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { nameKey } from '../domain/names';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { Trust, type TrustDoc } from '../models/trust';
import { nameInput } from './name-input';
import { recordAudit } from './audit';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, userError } from './user-errors';

const createTrustInput = z.object({
  name: nameInput(),
  region: nameInput(0, 100).nullish(),
});

export async function createTrust(viewer: Viewer, input: unknown): Promise<Outcome<TrustDoc>> {
  if (!policy.createTrust(viewer)) throw new ForbiddenError('only an ADMIN may create a trust');
  const parsed = createTrustInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { name, region } = parsed.data;
  const actor = actorOf(viewer);
  try {
    const trust = await Trust.create({ name, nameKey: nameKey(name), region: region ?? null, createdBy: actor, updatedBy: actor });
    await recordAudit('Trust', trust._id, 'CREATED', actor, { name: { from: null, to: name }, region: { from: null, to: region ?? null } });
    return ok(trust);
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('name', `a trust named "${name}" already exists (names are compared ignoring case, spacing and look-alike characters)`, 'TAKEN'));
    throw error;
  }
}
