// Routes: each role lands on its own home. Screens other than the sign-in page and the
// homes load on demand, so the first load stays small (the charts are in the allocation chunk).
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { resumeSession } from './auth/bootstrap';
import { type Role, useSession, useSignInState } from './auth/session';
import { HOME, Layout } from './components/layout';
import { Loading } from './components/states';
import { NotEnrolledPage } from './pages/not-enrolled';
import { SignInPage } from './pages/sign-in';

const LeadHome = lazy(() => import('./pages/lead-home'));
const NeedPage = lazy(() => import('./pages/need-page'));
const AllocationPage = lazy(() => import('./pages/allocation-page'));
const DeploymentsBoard = lazy(() => import('./pages/deployments-board'));
const HubPage = lazy(() => import('./pages/hub-page'));
const SchoolPage = lazy(() => import('./pages/school-page'));
const RaiseNeedPage = lazy(() => import('./pages/raise-need-page'));
const TeacherHome = lazy(() => import('./pages/teacher-home'));
const HelpPage = lazy(() => import('./pages/help-page'));
const MyDeploymentsPage = lazy(() => import('./pages/my-deployments-page'));
const EditProfilePage = lazy(() => import('./pages/edit-profile-page'));
const DeploymentPage = lazy(() => import('./pages/deployment-page'));
const DeploymentRecordsPage = lazy(() => import('./pages/deployment-records-page'));
const EquityPage = lazy(() => import('./pages/equity-page'));
const MaturityPage = lazy(() => import('./pages/maturity-page'));
const BoardReportPage = lazy(() => import('./pages/board-report-page'));
const CostSettingsPage = lazy(() => import('./pages/cost-settings-page'));
const EmailsPage = lazy(() => import('./pages/emails-page'));

function Only({ roles, children }: { roles: Role[]; children: React.ReactNode }) {
  const session = useSession();
  if (!session) return <Navigate to="/sign-in" replace />;
  if (!roles.includes(session.role)) {
    return (
      <div className="page">
        <h1>Not for your role</h1>
        <p>This screen is for {roles.map((r) => r.toLowerCase().replace(/_/g, ' ')).join(' or ')}s.</p>
      </div>
    );
  }
  return <>{children}</>;
}

const LEADS: Role[] = ['IMPROVEMENT_LEAD', 'ADMIN'];
const ARRANGERS: Role[] = ['IMPROVEMENT_LEAD', 'ADMIN', 'EXECUTIVE_HEAD'];

export function App() {
  const { checked, session, notEnrolled } = useSignInState();
  // Who the session cookie signs in (if anyone) is the server's to say, once per page load.
  useEffect(() => {
    void resumeSession();
  }, []);
  if (!checked) {
    return (
      <Layout>
        <Loading what="who is signed in" />
      </Layout>
    );
  }
  if (notEnrolled !== null) {
    return (
      <Layout>
        <NotEnrolledPage message={notEnrolled} />
      </Layout>
    );
  }
  return (
    <Layout>
      <Suspense fallback={<Loading what="the screen" />}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/" element={<Navigate to={session ? HOME[session.role] : '/sign-in'} replace />} />
          <Route path="/lead" element={<Only roles={LEADS}><LeadHome /></Only>} />
          <Route path="/needs/:id" element={<Only roles={ARRANGERS}><NeedPage /></Only>} />
          <Route path="/allocation" element={<Only roles={ARRANGERS}><AllocationPage /></Only>} />
          <Route path="/deployments" element={<Only roles={ARRANGERS}><DeploymentsBoard /></Only>} />
          <Route path="/deployments/:id" element={<Only roles={['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD', 'ADMIN']}><DeploymentPage /></Only>} />
          <Route path="/deployments/records" element={<Only roles={ARRANGERS}><DeploymentRecordsPage /></Only>} />
          <Route path="/equity" element={<Only roles={ARRANGERS}><EquityPage /></Only>} />
          <Route path="/maturity" element={<Only roles={[...LEADS, 'EXECUTIVE_HEAD', 'HEADTEACHER']}><MaturityPage /></Only>} />
          <Route path="/board-report" element={<Only roles={LEADS}><BoardReportPage /></Only>} />
          <Route path="/cost-settings" element={<Only roles={LEADS}><CostSettingsPage /></Only>} />
          {/* The email outbox: `emailOutbox` answers an ADMIN only. */}
          <Route path="/emails" element={<Only roles={['ADMIN']}><EmailsPage /></Only>} />
          <Route path="/hub" element={<Only roles={['EXECUTIVE_HEAD']}><HubPage /></Only>} />
          <Route path="/hubs/:id" element={<Only roles={ARRANGERS}><HubPage /></Only>} />
          <Route path="/school" element={<Only roles={['HEADTEACHER']}><SchoolPage /></Only>} />
          <Route path="/school/raise-need" element={<Only roles={['HEADTEACHER']}><RaiseNeedPage /></Only>} />
          <Route path="/me" element={<Only roles={['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD']}><TeacherHome /></Only>} />
          <Route path="/me/help" element={<Only roles={['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD']}><HelpPage /></Only>} />
          <Route path="/me/deployments" element={<Only roles={['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD']}><MyDeploymentsPage /></Only>} />
          <Route path="/staff/:id/edit" element={<Only roles={['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD', 'IMPROVEMENT_LEAD', 'ADMIN']}><EditProfilePage /></Only>} />
          <Route
            path="*"
            element={
              <div className="page">
                <h1>Page not found</h1>
                <p>There is no screen at this address. Use the menu above.</p>
              </div>
            }
          />
        </Routes>
      </Suspense>
    </Layout>
  );
}
