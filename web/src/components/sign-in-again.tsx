// "Sign in again" after the server refused the sign-in, keeping what was typed (drafts.ts
// keeps form input in this tab's session storage). An organisation session signs in again in
// this tab and comes back to this very page; a development token is picked again in a new
// tab, which hands its token to this one.
import { Link, useLocation } from 'react-router';
import { loginUrl } from '../auth/bootstrap';
import { useSession } from '../auth/session';

export function SignInAgainLink({ children }: { children: string }) {
  const session = useSession();
  const location = useLocation();
  if (session?.method === 'organisation') return <a href={loginUrl(location.pathname + location.search)}>{children}</a>;
  return (
    <Link to="/sign-in" target="_blank" rel="opener">
      {children} (opens a new tab)
    </Link>
  );
}
