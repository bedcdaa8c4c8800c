import type { TokenClaims } from '../server/auth/tokens';
import type { Viewer } from '../server/auth/viewer';

/** Mints a token for the development sign-in; absent in production (server/app.ts). */
export type DevTokenMinter = (claims: TokenClaims) => Promise<{ token: string; expiresAt: Date }>;

export interface GraphQLContext {
  /** The authenticated caller, or null. */
  viewer: Viewer | null;
  /** Why a presented token was rejected (expired, bad signature...), to say so in errors. */
  authProblem: string | null;
  /** Which refusal that was, when clients act on it (NOT_ENROLLED), else null. */
  authProblemCode: string | null;
  requestId: string;
  /** Development and test only: signs in as anyone. Null in production, so it cannot be used there. */
  devSignIn: DevTokenMinter | null;
}
