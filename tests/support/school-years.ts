// The school years around today, for tests whose dates must fall in this, last or next school
// year whenever they run (server/domain/school-year.ts: 1 September to 31 August).
import { schoolYearOf, schoolYearStarting } from '../../server/domain/school-year';

export const thisYear = schoolYearOf(new Date());
export const lastYear = schoolYearStarting(thisYear.startYear - 1);
export const nextYear = schoolYearStarting(thisYear.startYear + 1);
/** A day of next school year, as YYYY-MM-DD. */
export const nextYearDay = (monthDay: string) => `${nextYear.startYear}-${monthDay}`;
