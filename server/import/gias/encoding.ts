// The register is published in Windows-1252. People open it in Excel and save it again, so
// the import also accepts UTF-8 (with or without a byte-order mark), and refuses what is
// not CSV text at all, before reading a single row.
import { isAscii } from 'node:buffer';
import { GiasFileError } from './errors';

export type SourceEncoding = 'win1252' | 'utf8';

export const ENCODING_LABEL: Record<SourceEncoding, string> = { win1252: 'Windows-1252', utf8: 'UTF-8' };

/** Checks the first bytes of the file; returns the encoding its start implies. */
export function sniffStart(file: string, head: Buffer): SourceEncoding {
  if (head.length === 0) throw new GiasFileError(file, 'the file is empty');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new GiasFileError(file, 'this is a ZIP archive or an Excel workbook, not a CSV file: unzip it, or download the CSV');
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new GiasFileError(file, 'the file is UTF-16 text ("Unicode text" from Excel); use the original CSV download');
  }
  if (head.includes(0)) throw new GiasFileError(file, 'the file holds binary data, not CSV text');
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  const verdict = new Utf8Detector();
  verdict.push(head);
  return verdict.isUtf8() ? 'utf8' : 'win1252';
}

/**
 * Watches a whole file's bytes: true at the end when they were valid UTF-8 and used at least
 * one multi-byte character. Windows-1252 text with accents is almost never valid UTF-8, so
 * this tells a re-saved file from the original even when the first bytes are plain ASCII.
 */
export class Utf8Detector {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;
  private multibyte = false;

  push(chunk: Buffer): void {
    if (!this.valid) return;
    if (!this.multibyte && !isAscii(chunk)) this.multibyte = true;
    try {
      this.decoder.decode(chunk, { stream: true }); // stream: a character split across chunks is fine
    } catch {
      this.valid = false;
    }
  }

  isUtf8(): boolean {
    return this.valid && this.multibyte;
  }

  /** Plain ASCII throughout: readable as either encoding. */
  isAscii(): boolean {
    return !this.multibyte;
  }
}

/** Turns a file's bytes into text chunk by chunk; `end` returns what a split character left over. */
export interface TextDecoderStream {
  decode(chunk: Buffer): string;
  end(): string;
}

export function createDecoder(encoding: SourceEncoding): TextDecoderStream {
  if (encoding === 'utf8') {
    const utf8 = new TextDecoder('utf-8'); // drops a byte-order mark; a bad sequence becomes U+FFFD
    return { decode: (chunk) => utf8.decode(chunk, { stream: true }), end: () => utf8.decode() };
  }
  return { decode: decodeWindows1252, end: () => '' };
}

/**
 * Windows-1252 is Latin-1 except for 0x80-0x9F, where it has the curly quotes, dashes and €
 * that school names use. Node's own TextDecoder('windows-1252') decodes those as Latin-1
 * control characters (Node 20), and iconv-lite takes ten times as long as this: Latin-1
 * (native, fast) and a fix-up of that one range. A test holds every
 * byte to iconv-lite's table.
 */
export function decodeWindows1252(chunk: Buffer): string {
  const latin1 = chunk.toString('latin1');
  return latin1.replace(C1_RANGE, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

const C1_RANGE = /[\x80-\x9f]/g;
/** 0x80-0x9F in Windows-1252; the five bytes it leaves undefined decode to U+FFFD. */
const WINDOWS_1252_C1 = [
  '€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
  '\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
];
