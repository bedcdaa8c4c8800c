// CSV fields per RFC 4180, and safe to open in a spreadsheet (no cell read as a formula).
import fc from 'fast-check';
import { csvField, csvRecord } from '../../../server/exports/csv';
import { parseCsv } from '../../support/csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 1872', "'+44 1872"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['=1,2', `"'=1,2"`],
    ['', ''],
  ])('%j is written %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes numbers as numbers (a negative number is not a formula), and nothing for null', () => {
    expect([csvField(-3), csvField(4.5), csvField(null), csvField(undefined), csvField(Number.NaN), csvField(true)]).toEqual(['-3', '4.5', '', '', '', 'true']);
  });

  it('any record reads back as its fields (formula starts aside), ended by CRLF', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é', '=', '-') }), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = csvRecord(fields);
        expect(line.endsWith('\r\n')).toBe(true);
        const [read] = parseCsv(line);
        expect(read).toEqual(fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)));
      }),
    );
  });
});
