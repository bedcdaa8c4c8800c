import { calendar, escapeText, foldLine } from '../../../server/calendar/ics';

describe('iCalendar text', () => {
  it('folds lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const line = `SUMMARY:${'é'.repeat(60)}${'a'.repeat(60)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('escapes TEXT values and ends each all-day event the day after its last day', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const text = calendar('Cal', [{ uid: 'u1', start: new Date('2030-12-30T00:00:00Z'), end: new Date('2030-12-31T00:00:00Z'), summary: 's', description: 'd', stamp: new Date('2030-01-01T10:00:00Z') }]);
    expect(text).toContain('DTSTART;VALUE=DATE:20301230\r\nDTEND;VALUE=DATE:20310101\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
