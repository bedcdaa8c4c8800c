// HOME_SCHOOL_CLOSED: a supporter whose home school has closed is never ranked, counted under
// the reason added last to ExclusionReason, so a person failing an earlier rule is still
// counted there; a profile without the flag (open) is ranked as before.
import { EXCLUSION_REASONS } from '../../../server/domain/enums';
import { allExclusionReasons, firstExclusionReason, rankCandidatesForNeed } from '../../../server/ranking';
import { academy, need, NOW, supporter } from './fixtures';

const closedHome = academy({ id: 'closed-home', closed: true });

describe('HOME_SCHOOL_CLOSED', () => {
  it('is the last reason, after the one added for time windows', () => {
    expect(EXCLUSION_REASONS.slice(-2)).toEqual(['NOT_AVAILABLE_IN_WINDOW', 'HOME_SCHOOL_CLOSED']);
  });

  it('rules out a supporter of a closed school, and only them', () => {
    expect(firstExclusionReason(need(), supporter({ homeAcademy: closedHome }), NOW)).toBe('HOME_SCHOOL_CLOSED');
    expect(firstExclusionReason(need(), supporter({ homeAcademy: academy({ id: 'open-home', closed: false }) }), NOW)).toBeNull();
    expect(firstExclusionReason(need(), supporter({ homeAcademy: academy({ id: 'open-home' }) }), NOW)).toBeNull();
  });

  it('comes after every earlier rule: a closed school’s person without the expertise is counted as such', () => {
    const s = supporter({ homeAcademy: closedHome, expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: [] }] });
    expect(firstExclusionReason(need(), s, NOW)).toBe('NO_MATCHING_EXPERTISE');
    expect(allExclusionReasons(need(), s, NOW)).toEqual(['NO_MATCHING_EXPERTISE', 'HOME_SCHOOL_CLOSED']);
  });

  it('is counted in a ranking', () => {
    const result = rankCandidatesForNeed(need(), [supporter({ id: 'a', homeAcademy: closedHome }), supporter({ id: 'b' })], { now: NOW, first: 10 });
    expect(result.candidates.map((c) => c.supporter.id)).toEqual(['b']);
    expect(result.exclusions.HOME_SCHOOL_CLOSED).toBe(1);
  });
});
