// The frame of every signed-in screen: skip link, header with the role's screens, who is
// signed in, and a banner when the server refused the token (the page and its input stay).
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { signOut } from '../auth/bootstrap';
import { type Role, useSession } from '../auth/session';
import { SignInAgainLink } from './sign-in-again';
import { label } from '../format';

/** The improvement lead's screens; ADMIN has them too, and the outbox. */
const LEAD_NAV = [
  { to: '/lead', text: 'Needs and hubs' },
  { to: '/allocation', text: 'Plan support' },
  { to: '/deployments', text: 'Deployments' },
  { to: '/deployments/records', text: 'Records' },
  { to: '/equity', text: 'Equity' },
  { to: '/maturity', text: 'Maturity' },
  { to: '/board-report', text: 'Board report' },
  { to: '/cost-settings', text: 'Day rates' },
];

const NAV: Record<Role, { to: string; text: string }[]> = {
  ADMIN: [...LEAD_NAV, { to: '/emails', text: 'Emails' }],
  IMPROVEMENT_LEAD: LEAD_NAV,
  EXECUTIVE_HEAD: [
    { to: '/hub', text: 'My hub' },
    { to: '/deployments', text: 'Deployments' },
    { to: '/equity', text: 'Equity' },
    // Heads support other schools too: their own deployments and profile.
    { to: '/me/deployments', text: 'My deployments' },
    { to: '/maturity', text: 'Maturity' },
  ],
  HEADTEACHER: [
    { to: '/school', text: 'My school' },
    { to: '/school/raise-need', text: 'Raise a need' },
    { to: '/me/deployments', text: 'My deployments' },
    { to: '/maturity', text: 'Maturity' },
  ],
  TEACHER: [
    { to: '/me', text: 'My profile' },
    { to: '/me/help', text: 'Where I could help' },
    { to: '/me/deployments', text: 'My deployments' },
  ],
};

export const HOME: Record<Role, string> = {
  ADMIN: '/lead',
  IMPROVEMENT_LEAD: '/lead',
  EXECUTIVE_HEAD: '/hub',
  HEADTEACHER: '/school',
  TEACHER: '/me',
};

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const [signOutProblem, setSignOutProblem] = useState<string | null>(null);
  // A new screen moves focus to its content, so keyboard and screen-reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            School support
          </Link>
          {session ? (
            <nav aria-label="Main">
              <ul>
                {NAV[session.role].map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end>
                      {item.text}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {session ? (
            <div className="who">
              <span>
                <span className="visually-hidden">Signed in as </span>
                {session.name} <span className="role-tag">{label(session.role)}</span>
              </span>
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  setSignOutProblem(null);
                  signOut()
                    .then((next) => ('external' in next ? window.location.assign(next.external) : navigate(next.path)))
                    .catch((error: unknown) => setSignOutProblem(error instanceof Error ? error.message : String(error)));
                }}
              >
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      {session && (session.rejected || (session.expiresAt !== null && session.expiresAt < Date.now())) ? (
        <div className="banner banner-warning" role="alert">
          Your sign-in is no longer valid ({session.rejected ?? 'it has expired'}). What you typed on this page is kept:{' '}
          <SignInAgainLink>sign in again</SignInAgainLink>, then send it again.
        </div>
      ) : null}
      {signOutProblem ? (
        <div className="banner banner-warning" role="alert">
          {signOutProblem}
        </div>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
