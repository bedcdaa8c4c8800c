import fc from 'fast-check';
import { inTerm, parseTermLabel, previousTerm, schoolTerm, termOf } from '../../../server/domain/school-term';
import { schoolYearOf } from '../../../server/domain/school-year';

describe('school terms', () => {
  it('names a term by its calendar year and season, inside its school year', () => {
    expect(parseTermLabel('2026-autumn')).toMatchObject({ title: 'Autumn term 2026 (2026/27)', start: new Date('2026-09-01'), end: new Date('2026-12-31') });
    expect(parseTermLabel('2027-spring')!.schoolYear.label).toBe('2026/27');
    expect(parseTermLabel('2027-summer')).toMatchObject({ start: new Date('2027-04-01'), end: new Date('2027-08-31') });
    for (const bad of ['2026-winter', '26-autumn', '2026autumn', '', '2026-Autumn']) expect(parseTermLabel(bad)).toBeNull();
  });

  it('every day falls in exactly one term, of its own school year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
        const term = termOf(date);
        expect(inTerm(date, term)).toBe(true);
        expect(term.schoolYear.label).toBe(schoolYearOf(date).label);
        expect(inTerm(date, previousTerm(term))).toBe(false);
        expect(parseTermLabel(term.label)).toEqual(term);
      }),
      { numRuns: 500 },
    );
  });

  it('terms follow each other without gaps', () => {
    let term = schoolTerm(2030, 'summer');
    for (let i = 0; i < 9; i += 1) {
      const before = previousTerm(term);
      expect(before.end.getTime() + 86_400_000).toBe(term.start.getTime());
      term = before;
    }
  });
});
