import { UnauthenticatedError } from '../server/domain/errors';
import type { Viewer } from '../server/auth/viewer';
import type { GraphQLContext } from './context';

/** The caller of a field guarded by the `authenticated` scope. */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw new UnauthenticatedError(context.authProblem ?? undefined, context.authProblemCode ?? undefined);
  return context.viewer;
}
