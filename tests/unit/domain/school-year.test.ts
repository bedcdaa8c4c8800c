import fc from 'fast-check';
import { parseSchoolYearLabel, schoolYearOf, schoolYearStarting } from '../../../server/domain/school-year';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('school year (1 September to 31 August)', () => {
  it('puts 31 August in the year that is ending and 1 September in the next', () => {
    expect(schoolYearOf(utc(2027, 8, 31)).label).toBe('2026/27');
    expect(schoolYearOf(utc(2027, 9, 1)).label).toBe('2027/28');
    expect(schoolYearOf(utc(2027, 1, 1)).label).toBe('2026/27');
  });

  it('labels a year across a century boundary with two digits', () => {
    expect(schoolYearStarting(2099).label).toBe('2099/00');
  });

  it('every day lies within the school year it is given, and the label reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2090, 0, 1) / 86_400_000 }), (day) => {
        const date = new Date(day * 86_400_000);
        const year = schoolYearOf(date);
        expect(date.getTime()).toBeGreaterThanOrEqual(year.start.getTime());
        expect(date.getTime()).toBeLessThanOrEqual(year.end.getTime());
        expect(parseSchoolYearLabel(year.label)).toEqual(year);
      }),
    );
  });

  it('refuses labels whose years do not follow each other', () => {
    expect(parseSchoolYearLabel('2026/28')).toBeNull();
    expect(parseSchoolYearLabel('2026-27')).toBeNull();
  });
});
