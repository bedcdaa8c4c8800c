// Whether a school may lend its people to other schools at all, and why not, worded once for
// every refusal that rests on it (whole-school support days, offers of help). The rankings
// apply the same two rules as exclusions (HOME_SCHOOL_CLOSED, HOME_SCHOOL_INADEQUATE).
import { categoryOfConcern, formatInspectionDate, latestInspection, type ReportCard } from './inspection';
import type { OfstedRating } from './enums';

/** What the rule reads of a school (an academy record has all of it). */
export interface LendingFacts {
  name: string;
  status?: string | null;
  closedOn?: Date | null;
  ofstedRating: OfstedRating;
  ofstedJudgedOn?: Date | null;
  ofstedReportCard?: ReportCard | null;
}

export interface LendingBar {
  /** The user-error code refusals give. */
  code: 'ACADEMY_CLOSED' | 'CATEGORY_OF_CONCERN';
  /**
   * The school, what bars it and what that means, to be followed by what is refused:
   * "Bodmin Old Junior School has closed (the register, GIAS, lists it as closed from 31 Aug
   * 2019): it lends no staff", "Carn Brea Primary Academy is in an Ofsted category of concern
   * (judged Inadequate; Ofsted judgement, date not recorded): it keeps its own staff".
   */
  why: string;
}

/**
 * Why the school may not lend, or null when it may. A closed school first: it has no staff to
 * lend whatever its last inspection said. Then a category of concern, as the rankings read it
 * (the later of the judgement and the report card).
 */
export function lendingBarOf(school: LendingFacts): LendingBar | null {
  if (school.status === 'CLOSED') {
    const since = school.closedOn ? ` from ${formatInspectionDate(school.closedOn)}` : ', giving no close date';
    return { code: 'ACADEMY_CLOSED', why: `${school.name} has closed (the register, GIAS, lists it as closed${since}): it lends no staff` };
  }
  const concern = categoryOfConcern(latestInspection({ rating: school.ofstedRating, inspectedOn: school.ofstedJudgedOn ?? null }, school.ofstedReportCard ?? null));
  return concern === null ? null : { code: 'CATEGORY_OF_CONCERN', why: `${school.name} is in an Ofsted category of concern (${concern}): it keeps its own staff` };
}
