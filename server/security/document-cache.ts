// Memory held per GraphQL document, bounded by size. yoga keeps every parsed document (with
// locations) and its validation result, and graphql-jit a compiled function per document; by
// default up to 1,024 documents for an hour, whatever their size. A client sending distinct
// documents of a few kB each grew the server by about 1.5 MB per document until it ran out of
// heap (issue 14). Here one LRU cache (npm lru-cache) holds the parsed documents and is
// charged, per document, an estimate of everything kept for it: the parsed tree and its
// validation (yoga's validation cache is keyed weakly by the document, so it goes with it)
// and, once compiled, the compiled function (server/compiled-execution.ts keeps it weakly by
// document too). Past the byte bound the least recently used documents go.
//
// The estimates are per character, measured on the 18-alias document (2.8-3.7 kB):
// the parsed and validated tree took 94 bytes of heap per character of source, the compiled
// function 4.2 bytes per character of the JavaScript graphql-jit generated for it (3.7 MB for
// that one document). They are rounded up. bench/distinct-documents.ts checks the bound
// holds the process's memory flat.
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

export const PARSED_BYTES_PER_SOURCE_CHARACTER = 100;
export const COMPILED_BYTES_PER_GENERATED_CHARACTER = 5;
/** Parse errors are small; what is held is mostly the source kept as the key. */
const ERROR_BYTES = 2_000;

/** The get/set cache yoga's parserAndValidationCache option takes. */
interface Cache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

export interface DocumentCache {
  /** For yoga's `parserAndValidationCache` option. */
  readonly yoga: { documentCache: Cache<DocumentNode>; errorCache: Cache<unknown>; validationCache: true };
  /** Whether this source is held, i.e. asking for it again costs no parsing or compiling. */
  has(source: string): boolean;
  /** The parsed document held for this source, without counting as a use (server/security/operation.ts reads it). */
  parsed(source: string): DocumentNode | undefined;
  /** Adds what was built for a held document (its compiled function) to its charge. */
  charge(source: string, bytes: number): void;
  /** Bytes charged now, and the bound. */
  bytesHeld(): number;
  readonly maxBytes: number;
}

export function createDocumentCache(maxBytes: number): DocumentCache {
  // Parse errors get a small share of their own (a sixteenth), so a stream of broken
  // documents cannot push the working documents out. Together they stay within maxBytes.
  const errorBytes = Math.floor(maxBytes / 16);
  const errors = new LRUCache<string, object>({ maxSize: errorBytes });
  // An entry larger than the bound is not kept at all (lru-cache's maxEntrySize default).
  const documents = new LRUCache<string, DocumentNode>({ maxSize: maxBytes - errorBytes });
  const parsedSize = (source: string) => source.length * PARSED_BYTES_PER_SOURCE_CHARACTER + 1;
  return {
    yoga: {
      documentCache: {
        get: (source) => documents.get(source),
        set: (source, document) => void documents.set(source, document, { size: parsedSize(source) }),
      },
      errorCache: {
        get: (source) => errors.get(source),
        set: (source, error) => void errors.set(source, error as object, { size: source.length * 2 + ERROR_BYTES }),
      },
      validationCache: true,
    },
    has: (source) => documents.has(source) || errors.has(source),
    parsed: (source) => documents.peek(source),
    charge(source, bytes) {
      const document = documents.peek(source);
      const info = document && documents.info(source);
      if (!document || !info) return;
      // lru-cache keeps an entry's size when the same value is set again: replace it.
      documents.delete(source);
      documents.set(source, document, { size: (info.size ?? parsedSize(source)) + Math.ceil(bytes) });
    },
    bytesHeld: () => documents.calculatedSize + errors.calculatedSize,
    maxBytes,
  };
}
