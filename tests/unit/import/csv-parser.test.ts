import { parse as referenceParse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CsvParser, type CsvRecord, CsvSyntaxError } from '../../../server/import/gias/csv-parser';
import { createDecoder, decodeWindows1252 } from '../../../server/import/gias/encoding';

/** Feeds `text` to a parser in the given pieces, as a file read in chunks would. */
function parseInChunks(text: string, cuts: readonly number[], maxRecordChars = 1_000_000): CsvRecord[] {
  const parser = new CsvParser(maxRecordChars);
  const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const records: CsvRecord[] = [];
  let from = 0;
  for (const to of [...at, text.length]) {
    records.push(...parser.push(text.slice(from, to)));
    from = to;
  }
  records.push(...parser.end());
  return records;
}

function outcome(run: () => string[][]): { records: string[][] } | { error: true } {
  try {
    return { records: run() };
  } catch {
    return { error: true };
  }
}

/** RFC 4180 writing: quoted when it must be, or when the generator says so. */
function writeField(value: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const fieldText = fc.string({ unit: fc.constantFrom('a', 'é', '’', ',', '"', '\r', '\n', ' ', '\r\n'), maxLength: 12 });
const records = fc.array(fc.array(fc.record({ value: fieldText, quote: fc.boolean() }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('CsvParser (the import\'s incremental CSV reader)', () => {
  it('reads back any records written by the rules, in any chunking, with the line each starts on', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('\r\n', '\n'), fc.boolean(), cuts, (rows, eol, finalEol, cutAt) => {
        // A lone empty unquoted field is a blank line: quote it so the row survives as written.
        const lines = rows.map((row) => row.map(({ value, quote }) => writeField(value, quote || (row.length === 1 && value === ''))).join(','));
        const text = lines.join(eol) + (finalEol ? eol : '');
        const parsed = parseInChunks(text, cutAt);
        expect(parsed.map((record) => record.fields)).toEqual(rows.map((row) => row.map(({ value }) => value)));
        let line = 1;
        parsed.forEach((record, index) => {
          expect(record.line).toBe(line);
          line += 1 + (lines[index]!.match(/\n/g)?.length ?? 0);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with csv-parse on arbitrary text, broken quoting included: the same records, or both refuse it', () => {
    // One kind of line ending per text: csv-parse takes the first it meets as the only one.
    const text = fc.constantFrom('\r\n', '\n').chain((eol) => fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', eol), maxLength: 40 }));
    fc.assert(
      fc.property(text, cuts, (input, cutAt) => {
        const ours = outcome(() => parseInChunks(input, cutAt).map((record) => record.fields));
        const reference = outcome(() => referenceParse(input, { relax_column_count: true }) as string[][]);
        expect(ours).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the line of each kind of broken quoting', () => {
    const problem = (text: string) => {
      try {
        parseInChunks(text, [7, 19], 200);
      } catch (error) {
        if (error instanceof CsvSyntaxError) return { problem: error.problem, line: error.line, recordLine: error.recordLine };
        throw error;
      }
      throw new Error('parsed without complaint');
    };
    expect(problem('h1,h2\r\na,b\r\n"St Piran"s",c\r\n')).toEqual({ problem: 'text-after-closing-quote', line: 3, recordLine: 3 });
    expect(problem('h1,h2\r\n"two\r\nlines" x,b\r\n')).toEqual({ problem: 'text-after-closing-quote', line: 3, recordLine: 2 });
    expect(problem('h1,h2\r\na,St Piran"s\r\n')).toEqual({ problem: 'quote-in-plain-value', line: 2, recordLine: 2 });
    expect(problem('h1,h2\r\na,b\r\n"cut off,c\r\nd,e\r\n')).toEqual({ problem: 'quote-not-closed', line: 3, recordLine: 3 });
    expect(problem(`h1,h2\r\n"${'x'.repeat(300)}`)).toEqual({ problem: 'quote-not-closed', line: 2, recordLine: 2 });
    expect(problem(`h1,h2\r\n${'x'.repeat(300)}`)).toEqual({ problem: 'record-too-long', line: 2, recordLine: 2 });
  });

  it('drops a byte-order mark at the start, and only there', () => {
    expect(parseInChunks('\ufeffURN,Name\r\n1,\ufeffA\r\n', [1]).map((record) => record.fields)).toEqual([
      ['URN', 'Name'],
      ['1', '\ufeffA'],
    ]);
  });
});

describe('decoding the register', () => {
  it('decodes every Windows-1252 byte as iconv-lite does', () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    expect(decodeWindows1252(everyByte)).toBe(iconv.decode(everyByte, 'win1252'));
  });

  it('decodes UTF-8 split anywhere across chunks, without its byte-order mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.boolean(), cuts, (text, bom, cutAt) => {
        const bytes = Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
        const at = [...new Set(cutAt.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const decoder = createDecoder('utf8');
        let from = 0;
        let decoded = '';
        for (const to of [...at, bytes.length]) {
          decoded += decoder.decode(bytes.subarray(from, to));
          from = to;
        }
        expect(decoded + decoder.end()).toBe(text);
      }),
    );
  });
});
