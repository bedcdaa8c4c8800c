// The sign-in page offers what the server does (GET /auth/options): signing in with the
// organisation's identity provider (a link to /auth/login: the server runs the Authorization
// Code flow and sets an HttpOnly session cookie), and, in development only, the demo people by
// role, one click signing in as one of them. The API refuses devSignIn in production.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { loginUrl, type SignInOptions, signInOptions } from '../auth/bootstrap';
import { type Role, type Session, startSession, useSession } from '../auth/session';
import { HOME } from '../components/layout';
import { ErrorNotice, Loading } from '../components/states';

const PeopleQuery = graphql(`
  query SignInPeople {
    devSignInPeople(first: 500) {
      role
      name
      label
      scopeId
    }
  }
`);

const SignInMutation = graphql(`
  mutation DevSignIn($input: DevSignInInput!) {
    devSignIn(input: $input) {
      token
      role
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const ROLE_HEADINGS: [Role, string][] = [
  ['IMPROVEMENT_LEAD', 'School improvement leads'],
  ['EXECUTIVE_HEAD', 'Executive heads'],
  ['HEADTEACHER', 'Headteachers'],
  ['TEACHER', 'Teachers and other staff'],
  ['ADMIN', 'Administrator'],
];

export function SignInPage() {
  const options = useQuery<SignInOptions, Error>({ queryKey: ['signInOptions'], queryFn: signInOptions, staleTime: Infinity });
  const session = useSession();
  return (
    <div className="page page-narrow">
      <h1>Sign in</h1>
      {session && !session.rejected ? (
        <p className="notice" role="status">
          You are signed in as {session.name}. {options.data?.developmentSignIn ? 'Choose someone else to switch, or ' : ''}
          <Link to={HOME[session.role]}>go {options.data?.developmentSignIn ? 'back ' : ''}to your home</Link>.
        </p>
      ) : null}
      {options.error ? <ErrorNotice error={options.error} retry={() => void options.refetch()} /> : null}
      {options.isPending ? <Loading what="the ways to sign in" /> : null}
      {options.data?.openIdConnect ? <OrganisationSignIn session={session} /> : null}
      {options.data?.developmentSignIn ? <DevelopmentSignIn /> : null}
      {options.data && !options.data.openIdConnect && !options.data.developmentSignIn ? (
        <div className="notice" role="status">
          <p className="notice-title">Sign-in is not set up on this server</p>
          <p>Ask the service's administrator: it signs people in with their organisation's accounts once it is configured (docs/sign-in.md).</p>
        </div>
      ) : null}
    </div>
  );
}

/** The organisation's identity provider: the server takes the browser there and back. */
function OrganisationSignIn({ session }: { session: Session | null }) {
  return (
    <section aria-labelledby="sign-in-organisation" className="sign-in-group">
      <h2 id="sign-in-organisation">With your organisation's account</h2>
      <p>Use the work account you sign in to your trust's email with. You will come back here once signed in.</p>
      <p>
        <a className="button-like" href={loginUrl('/')}>
          {session && !session.rejected ? 'Sign in with your organisation again' : 'Sign in with your organisation'}
        </a>
      </p>
    </section>
  );
}

function DevelopmentSignIn() {
  const people = useGqlQuery(PeopleQuery, {}, { staleTime: 0 });
  const signIn = useGqlMutation(SignInMutation);
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = (people.data?.devSignInPeople ?? []).filter(
      (p) => !needle || p.name.toLowerCase().includes(needle) || p.label.toLowerCase().includes(needle),
    );
    return ROLE_HEADINGS.map(([role, heading]) => ({ role, heading, people: list.filter((p) => p.role === role) })).filter((g) => g.people.length);
  }, [people.data, filter]);

  async function choose(person: { role: Role; name: string; label: string; scopeId: string | null }) {
    setProblem(null);
    try {
      const result = await signIn.mutateAsync({ input: { role: person.role, scopeId: person.scopeId } });
      const { token, userErrors } = result.devSignIn;
      if (!token) {
        setProblem(userErrors.map((e) => e.message).join(' ') || 'No token was given.');
        return;
      }
      startSession(token, { name: person.name, label: person.label });
      // Opened from "sign in again" in another tab: that tab picks the new token up; close this one.
      if (window.opener) {
        window.close();
        return;
      }
      navigate(HOME[person.role]);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  const forbidden = people.error?.kind === 'forbidden';
  return (
    <section aria-labelledby="sign-in-development" className="sign-in-group">
      <h2 id="sign-in-development">Development sign-in</h2>
      {forbidden ? (
        <div className="notice" role="status">
          <p className="notice-title">Sign in through your organisation</p>
          <p>The demonstration sign-in is switched off on this server.</p>
        </div>
      ) : (
        <>
          <p>
            This is the development sign-in: choose a person from the demo data to see the service as they would. Each role lands on its own
            home.
          </p>
          {problem ? (
            <div className="notice notice-error" role="alert">
              {problem}
            </div>
          ) : null}
          {people.error ? <ErrorNotice error={people.error} retry={() => void people.refetch()} /> : null}
          {people.isPending ? <Loading what="people to sign in as" /> : null}
          {people.data ? (
            <>
              <div className="field">
                <label htmlFor="people-filter">Find a person, school or hub</label>
                <input id="people-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
              </div>
              {groups.length === 0 ? <p className="state state-empty">Nobody matches “{filter}”.</p> : null}
              {groups.map((group) => (
                <section key={group.role} aria-labelledby={`role-${group.role}`} className="sign-in-group">
                  <h3 id={`role-${group.role}`}>
                    {group.heading} <span className="count">({group.people.length})</span>
                  </h3>
                  <ul className="people-list">
                    {group.people.map((person) => (
                      <li key={`${person.role}:${person.scopeId ?? 'admin'}`}>
                        <button type="button" className="person-button" disabled={signIn.isPending} onClick={() => void choose(person)}>
                          <span className="person-name">{person.name}</span>
                          {person.label !== person.name ? <span className="person-label">{person.label}</span> : null}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
