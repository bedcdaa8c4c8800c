// Whether a school may lend, and the words every refusal and the web app use for why not
// (server/domain/lending.ts, categoryOfConcern in server/domain/inspection.ts).
import { lendingBarOf } from '../../../server/domain/lending';
import { categoryOfConcern } from '../../../server/domain/inspection';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const open = { name: 'Tregony Primary', status: 'OPEN', closedOn: null, ofstedRating: 'GOOD' as const, ofstedJudgedOn: null, ofstedReportCard: null };
const grades = (urgent: string | null) =>
  ['INCLUSION', 'CURRICULUM_AND_TEACHING', 'ACHIEVEMENT', 'ATTENDANCE_AND_BEHAVIOUR', 'PERSONAL_DEVELOPMENT_AND_WELLBEING', 'LEADERSHIP_AND_GOVERNANCE'].map((area) => ({
    area: area as 'INCLUSION',
    grade: (area === urgent ? 'URGENT_IMPROVEMENT' : 'EXPECTED_STANDARD') as 'EXPECTED_STANDARD',
  }));

describe('categoryOfConcern', () => {
  it('names the reason and the inspection, dated or not, without brackets of its own', () => {
    expect(categoryOfConcern({ kind: 'JUDGEMENT', rating: 'INADEQUATE', inspectedOn: day('2019-05-01') })).toBe('judged Inadequate; Ofsted judgement, 1 May 2019');
    expect(categoryOfConcern({ kind: 'JUDGEMENT', rating: 'INADEQUATE', inspectedOn: null })).toBe('judged Inadequate; Ofsted judgement, date not recorded');
    expect(categoryOfConcern({ kind: 'REPORT_CARD', inspectedOn: day('2026-03-12'), safeguarding: 'NOT_MET', grades: grades(null) })).toBe('safeguarding not met; Ofsted report card, 12 Mar 2026');
    expect(categoryOfConcern({ kind: 'REPORT_CARD', inspectedOn: day('2026-03-12'), safeguarding: 'MET', grades: grades('ACHIEVEMENT') })).toBe('urgent improvement in achievement; Ofsted report card, 12 Mar 2026');
  });

  it('is null for a school that may lend', () => {
    expect(categoryOfConcern({ kind: 'JUDGEMENT', rating: 'REQUIRES_IMPROVEMENT', inspectedOn: null })).toBeNull();
    expect(categoryOfConcern({ kind: 'REPORT_CARD', inspectedOn: day('2026-03-12'), safeguarding: 'MET', grades: grades(null) })).toBeNull();
  });
});

describe('lendingBarOf', () => {
  it('lets an open school outside a category of concern lend', () => {
    expect(lendingBarOf(open)).toBeNull();
  });

  it('bars a closed school first, with its close date or saying the register gives none', () => {
    expect(lendingBarOf({ ...open, status: 'CLOSED', closedOn: day('2019-08-31'), ofstedRating: 'INADEQUATE' })).toEqual({
      code: 'ACADEMY_CLOSED',
      why: 'Tregony Primary has closed (the register, GIAS, lists it as closed from 31 Aug 2019): it lends no staff',
    });
    expect(lendingBarOf({ ...open, status: 'CLOSED', closedOn: null })).toEqual({
      code: 'ACADEMY_CLOSED',
      why: 'Tregony Primary has closed (the register, GIAS, lists it as closed, giving no close date): it lends no staff',
    });
  });

  it('bars a school in a category of concern by its latest inspection', () => {
    expect(lendingBarOf({ ...open, ofstedRating: 'INADEQUATE' })).toEqual({
      code: 'CATEGORY_OF_CONCERN',
      why: 'Tregony Primary is in an Ofsted category of concern (judged Inadequate; Ofsted judgement, date not recorded): it keeps its own staff',
    });
    // A newer report card outside the category lifts an older Inadequate judgement.
    const card = { inspectedOn: day('2026-03-12'), safeguarding: 'MET' as const, grades: grades(null) };
    expect(lendingBarOf({ ...open, ofstedRating: 'INADEQUATE', ofstedJudgedOn: day('2019-05-01'), ofstedReportCard: card })).toBeNull();
  });
});
