import { unauthenticatedError } from '../server/auth/errors';
import type { Viewer } from '../server/auth/viewer';
import type { GraphQLContext } from './context';

/** The caller of a field guarded by the `authenticated` scope. */
export function viewerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw unauthenticatedError(context.authProblem ?? undefined, context.authProblemCode ?? undefined);
  return context.viewer;
}
