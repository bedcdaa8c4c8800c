import type { Viewer } from '../server/auth/viewer';

export interface GraphQLContext {
  /** The authenticated caller, or null. */
  viewer: Viewer | null;
  /** Why a presented token was rejected (expired, bad signature...), to say so in errors. */
  authProblem: string | null;
  /** Which refusal that was, when clients act on it (NOT_ENROLLED), else null. */
  authProblemCode: string | null;
  requestId: string;
}
