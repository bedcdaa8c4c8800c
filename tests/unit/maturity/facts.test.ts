// server/maturity/facts.ts on a hand-made trust whose counts are worked out here.
import { schoolYearStarting } from '../../../server/domain/school-year';
import { type DeploymentFact, maturityFacts, supportDateOf, type TrustRecords } from '../../../server/maturity/facts';

const YEAR = schoolYearStarting(2026);
const IN_YEAR = new Date(Date.UTC(2026, 9, 5));
const LAST_YEAR = new Date(Date.UTC(2026, 5, 5));

let n = 0;
const deployment = (o: Partial<DeploymentFact> & Pick<DeploymentFact, 'receivingAcademyId'>): DeploymentFact => ({
  id: `d${(n += 1)}`,
  needId: `need-${n}`,
  staffId: null,
  supportingAcademyId: null,
  days: 2,
  status: 'COMPLETED',
  supportDate: IN_YEAR,
  impactRating: 3,
  impactEvidence: 'reading ages up',
  ...o,
});

// Trust T: schools a, b, c. Outside: x (trust U), y (no trust).
const records: TrustRecords = {
  trustId: 'T',
  academies: [
    { id: 'a', trustId: 'T' },
    { id: 'b', trustId: 'T' },
    { id: 'c', trustId: 'T' },
    { id: 'x', trustId: 'U' },
    { id: 'y', trustId: null },
  ],
  staff: [
    { id: 'head-a', homeAcademyId: 'a', role: 'HEADTEACHER', designations: ['NLE'], left: false },
    { id: 'teacher-a', homeAcademyId: 'a', role: 'TEACHER', designations: ['SLE'], left: false },
    { id: 'senior-b', homeAcademyId: 'b', role: 'SENIOR_LEADER', designations: [], left: false },
    { id: 'teacher-b', homeAcademyId: 'b', role: 'TEACHER', designations: [], left: false },
    { id: 'leaver-c', homeAcademyId: 'c', role: 'TEACHER', designations: ['NLG'], left: true },
    { id: 'outsider', homeAcademyId: 'x', role: 'TEACHER', designations: ['NLE'], left: false },
  ],
  needs: [
    { id: 'n1', academyId: 'b', raisedAt: IN_YEAR, status: 'MET' },
    { id: 'n2', academyId: 'c', raisedAt: IN_YEAR, status: 'IN_PROGRESS' },
    { id: 'n3', academyId: 'c', raisedAt: IN_YEAR, status: 'OPEN' },
    { id: 'n-old', academyId: 'c', raisedAt: LAST_YEAR, status: 'MET' },
    { id: 'n-x', academyId: 'x', raisedAt: IN_YEAR, status: 'OPEN' },
  ],
  deployments: [
    // Across the trust, in the year: n1 by head-a (completed, named), n2 by teacher-a (active).
    deployment({ needId: 'n1', receivingAcademyId: 'b', staffId: 'head-a', days: 3 }),
    deployment({ needId: 'n2', receivingAcademyId: 'c', staffId: 'teacher-a', days: 4, status: 'ACTIVE', impactRating: null, impactEvidence: null }),
    // n3 is only proposed: not delivered.
    deployment({ needId: 'n3', receivingAcademyId: 'c', staffId: 'teacher-b', status: 'PROPOSED' }),
    // Last year: senior-b worked at c (counts for "more than one academy", not for this year).
    deployment({ needId: 'n-old', receivingAcademyId: 'c', staffId: 'senior-b', supportDate: LAST_YEAR }),
    // Beyond: teacher-a (an SLE) gave 5 days to x; school b as a whole gave 2 days to y.
    deployment({ needId: 'n-x', receivingAcademyId: 'x', staffId: 'teacher-a', days: 5 }),
    deployment({ needId: 'n-y', receivingAcademyId: 'y', supportingAcademyId: 'b', days: 2 }),
    // Received from beyond: the outsider gave 6 days to c.
    deployment({ needId: 'n3', receivingAcademyId: 'c', staffId: 'outsider', days: 6 }),
    // A school supporting itself is not school-to-school support.
    deployment({ needId: 'n2', receivingAcademyId: 'c', supportingAcademyId: 'c', days: 1 }),
  ],
};

describe('maturityFacts', () => {
  const facts = maturityFacts(records, YEAR);

  it('Step 6: needs of the year met by the trust\'s own schools, delivered deployments and named impact', () => {
    expect(facts.step6).toEqual({ needsRaised: 3, needsMetFromOwnSchools: 2, deliveredDeployments: 2, withNamedImpact: 1, supporters: 2 });
  });

  it('Step 8: staff (leavers left out) who supported another school this year, days, senior leaders across academies', () => {
    expect(facts.step8).toEqual({ staff: 4, staffWhoSupportedAnotherSchool: 2, daysGiven: 7, seniorLeaders: 2, seniorLeadersInMoreThanOneAcademy: 2, middleLeadersAndTeachersDeployed: 1 });
  });

  it('Step 9: days given and received beyond the trust, system leaders by designation', () => {
    expect(facts.step9).toEqual({
      daysGivenBeyond: 7,
      daysReceivedFromBeyond: 6,
      schoolsSupportedBeyond: 2,
      systemLeaders: { NLE: 1, LLE: 0, SLE: 1, NLG: 0 },
      systemLeadersWhoSupportedBeyond: 1,
    });
  });

  it('a school year is 1 September to 31 August inclusive', () => {
    const edge = { ...records, deployments: [deployment({ needId: 'n1', receivingAcademyId: 'b', staffId: 'head-a', supportDate: new Date(Date.UTC(2027, 7, 31)) })] };
    expect(maturityFacts(edge, YEAR).step8.staffWhoSupportedAnotherSchool).toBe(1);
    expect(maturityFacts(edge, schoolYearStarting(2027)).step8.staffWhoSupportedAnotherSchool).toBe(0);
  });
});

describe('supportDateOf', () => {
  const created = new Date('2026-10-01T09:00:00Z');
  const active = new Date('2026-11-02T09:00:00Z');
  const planned = new Date('2027-01-10T00:00:00Z');
  it('is the planned start, else the day it became active, else the day it was proposed', () => {
    expect(supportDateOf({ startDate: planned, statusHistory: [{ status: 'ACTIVE', at: active }], createdAt: created })).toBe(planned);
    expect(supportDateOf({ startDate: null, statusHistory: [{ status: 'PROPOSED', at: created }, { status: 'ACTIVE', at: active }], createdAt: created })).toBe(active);
    expect(supportDateOf({ startDate: null, statusHistory: [{ status: 'PROPOSED', at: created }], createdAt: created })).toBe(created);
  });
});
