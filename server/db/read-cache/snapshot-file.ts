// The snapshot file of the in-process copies (snapshot.ts decides when it may be used): a
// header, then each collection's documents as BSON, one after another.
//
// Why BSON: the copies hold what the driver decoded from the database's BSON; encoding them
// back and decoding with the driver's own BSON library (and its default options) gives the
// same JavaScript values — ObjectIds, Dates, numbers — as a load from the database, without
// a conversion of our own to get wrong. Decoding 50,000 staff this way takes Node about as
// long as the driver's share of a load; FerretDB's far larger share (BENCHMARKS.md) is gone.
//
// Layout: MAGIC, a uint32 (little-endian) header length, the header as JSON, then for each
// collection of the header, in order, its `count` BSON documents (each starts with its own
// length). Written to a temporary file, flushed to disk, then renamed over the old one, so a
// crash leaves the old file or the new one, never half of one.
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import mongoose from 'mongoose';
import type { Doc } from './types';

const { BSON } = mongoose.mongo;
const MAGIC = Buffer.from('S2SCOPY\n', 'latin1');
const CHUNK = 4 * 1024 * 1024;

export interface SnapshotHeader {
  /** SNAPSHOT_FORMAT in snapshot.ts when written. */
  format: number;
  database: string;
  /** Where the database is (the connection string without credentials). */
  source: string;
  /** Also stored in the database when the snapshot was written: proves it is that database. */
  token: string;
  /** write-epoch.ts's counters when the copies were taken. */
  epochs: Record<string, number>;
  writtenAt: string;
  collections: { name: string; count: number }[];
}

/** Writes the file (temporary name, flushed, renamed); returns its size in bytes. */
export function writeSnapshotFile(path: string, header: SnapshotHeader, docsOf: (collection: string) => readonly Doc[]): number {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  let bytes = 0;
  try {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    const pending: Uint8Array[] = [MAGIC, length, json];
    let pendingBytes = MAGIC.length + 4 + json.length;
    const flush = () => {
      const chunk = Buffer.concat(pending, pendingBytes);
      writeSync(fd, chunk);
      bytes += chunk.length;
      pending.length = 0;
      pendingBytes = 0;
    };
    for (const { name } of header.collections) {
      for (const doc of docsOf(name)) {
        const encoded = BSON.serialize(doc);
        pending.push(encoded);
        pendingBytes += encoded.length;
        if (pendingBytes >= CHUNK) flush();
      }
    }
    flush();
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  return bytes;
}

export interface SnapshotReader {
  header: SnapshotHeader;
  bytes: number;
  /** The next collection's documents, decoded; call once per header collection, in order. */
  readCollection(count: number): Doc[];
  close(): void;
}

/** Opens the file and reads its header; throws when it is missing or not a snapshot. */
export function openSnapshotFile(path: string): SnapshotReader {
  const bytes = statSync(path).size;
  const fd = openSync(path, 'r');
  let buffer = Buffer.alloc(CHUNK);
  let start = 0; // first unread byte in buffer
  let end = 0; // end of the bytes read into buffer
  let atEof = false;
  /** At least `n` unread bytes in buffer, else an error. */
  const need = (n: number) => {
    if (end - start >= n) return;
    // Always a new buffer, never the old one reused: a decoded value may be a view of it.
    const next = Buffer.allocUnsafe(Math.max(n, CHUNK));
    buffer.copy(next, 0, start, end);
    buffer = next;
    end -= start;
    start = 0;
    while (end < n && !atEof) {
      const read = readSync(fd, buffer, end, buffer.length - end, null);
      if (read === 0) atEof = true;
      end += read;
    }
    if (end < n) throw new Error('the snapshot file ends early (truncated)');
  };
  try {
    need(MAGIC.length + 4);
    if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a snapshot file');
    const headerLength = buffer.readUInt32LE(MAGIC.length);
    start = MAGIC.length + 4;
    need(headerLength);
    const header = JSON.parse(buffer.toString('utf8', start, start + headerLength)) as SnapshotHeader;
    start += headerLength;
    return {
      header,
      bytes,
      readCollection(count) {
        const docs: Doc[] = new Array(count);
        for (let i = 0; i < count; i += 1) {
          need(4);
          const length = buffer.readInt32LE(start);
          if (length < 5) throw new Error('the snapshot file holds a malformed document');
          need(length);
          docs[i] = BSON.deserialize(buffer.subarray(start, start + length)) as Doc;
          start += length;
        }
        return docs;
      },
      close() {
        closeSync(fd);
      },
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
