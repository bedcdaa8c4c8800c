// An incremental RFC 4180 parser for text arriving in chunks: records end with "\r\n" or
// "\n"; a field is either plain, or quoted with "" standing for a quote inside it (and
// line breaks allowed). A row may have any number of fields: judging that is the caller's job.
//
// Written here rather than taken from a library because the import's check is bound by
// parsing: csv-parse reads the national file at about a quarter of this speed, and the
// faster libraries measured (udsv, csv-simple-parser) accept broken quoting silently,
// dropping text or rows, where the import must stop and name the line. A property test
// holds this parser to csv-parse on generated input, errors included.

/** What broke: each is fatal, since past it where records begin and end cannot be trusted. */
export type CsvSyntaxProblem =
  /** `"abc"x`: text after a closing quote. */
  | 'text-after-closing-quote'
  /** `ab"c`: a quote inside a value that was not quoted. */
  | 'quote-in-plain-value'
  /** A quoted value still open at the end of the text, or longer than the record limit. */
  | 'quote-not-closed'
  /** A record longer than the limit without an open quote (not a line-based file?). */
  | 'record-too-long';

export class CsvSyntaxError extends Error {
  constructor(
    readonly problem: CsvSyntaxProblem,
    /** Line (1-based) the problem is on. */
    readonly line: number,
    /** Line the record holding it starts on. */
    readonly recordLine: number,
  ) {
    super(`${problem} on line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  /** Line the record starts on (1-based). */
  readonly line: number;
  readonly fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** A record that ends part-way through the text: parse it again when more arrives. */
const INCOMPLETE = null;

export class CsvParser {
  /** Text not yet parsed: the start of a record that the last chunk did not finish. */
  private pending = '';
  /** Line the pending record starts on. */
  private line = 1;
  private started = false;
  /** The unfinished record stopped inside a quoted value. */
  private inOpenQuote = false;

  constructor(private readonly maxRecordChars: number) {}

  /** The records that `text` completes; the unfinished last one waits for the next call. */
  push(text: string): CsvRecord[] {
    return this.parse(text, false);
  }

  /** The last record, when the text does not end with a line break; throws for an open quote. */
  end(): CsvRecord[] {
    return this.parse('', true);
  }

  private parse(text: string, final: boolean): CsvRecord[] {
    let source = this.pending + text;
    if (!this.started && source.length) {
      this.started = true;
      if (source.charCodeAt(0) === 0xfeff) source = source.slice(1); // a byte-order mark is not data
    }
    const records: CsvRecord[] = [];
    let position = 0;
    while (position < source.length) {
      const end = this.record(source, position, final, records);
      if (end === INCOMPLETE) break;
      position = end;
    }
    this.pending = source.slice(position);
    if (this.pending.length > this.maxRecordChars) {
      throw this.error(source, position, this.inOpenQuote ? 'quote-not-closed' : 'record-too-long', source.length);
    }
    if (final && this.pending.length) throw this.error(source, position, 'quote-not-closed', source.length);
    return records;
  }

  /** Parses the record starting at `start` into `out`; returns where the next begins, or INCOMPLETE. */
  private record(source: string, start: number, final: boolean, out: CsvRecord[]): number | null {
    const fields: string[] = [];
    const length = source.length;
    this.inOpenQuote = false;
    let position = start;
    for (;;) {
      let value: string;
      if (source.charCodeAt(position) === QUOTE) {
        let from = position + 1;
        value = '';
        for (;;) {
          const quote = source.indexOf('"', from);
          if (quote === -1 || (quote + 1 === length && !final)) {
            // Unclosed so far, or a "" that may be split across chunks.
            this.inOpenQuote = true;
            return INCOMPLETE;
          }
          if (source.charCodeAt(quote + 1) === QUOTE) {
            value += source.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += source.slice(from, quote);
          position = quote + 1;
          break;
        }
      } else {
        let scan = position;
        while (scan < length) {
          const code = source.charCodeAt(scan);
          if (code === COMMA || code === LF) break;
          if (code === CR && source.charCodeAt(scan + 1) === LF) break;
          if (code === QUOTE) throw this.error(source, start, 'quote-in-plain-value', scan);
          scan++;
        }
        value = source.slice(position, scan);
        position = scan;
      }
      fields.push(value);

      if (position >= length) {
        if (!final) return INCOMPLETE;
        this.emit(source, start, length, fields, out);
        return length;
      }
      const next = source.charCodeAt(position);
      if (next === COMMA) {
        position++;
        if (position === length && !final) return INCOMPLETE;
        continue;
      }
      if (next === LF) return this.emit(source, start, position + 1, fields, out);
      if (next === CR) {
        if (position + 1 === length && !final) return INCOMPLETE; // its "\n" may be in the next chunk
        if (source.charCodeAt(position + 1) === LF) return this.emit(source, start, position + 2, fields, out);
      }
      throw this.error(source, start, 'text-after-closing-quote', position);
    }
  }

  /** Hands out a finished record spanning [start, next) and advances the line count past it. */
  private emit(source: string, start: number, next: number, fields: string[], out: CsvRecord[]): number {
    out.push({ line: this.line, fields });
    this.line += newlinesBetween(source, start, next);
    return next;
  }

  private error(source: string, recordStart: number, problem: CsvSyntaxProblem, at: number): CsvSyntaxError {
    const recordLine = this.line;
    const line = problem === 'quote-not-closed' || problem === 'record-too-long' ? recordLine : recordLine + newlinesBetween(source, recordStart, at);
    return new CsvSyntaxError(problem, line, recordLine);
  }
}

/** Line breaks in [from, to). Stops at a record's own final "\n" instead of searching past it. */
function newlinesBetween(source: string, from: number, to: number): number {
  let count = 0;
  let at = source.indexOf('\n', from);
  while (at !== -1 && at < to) {
    count++;
    if (at === to - 1) break;
    at = source.indexOf('\n', at + 1);
  }
  return count;
}
