// The document cache (server/security/document-cache.ts) never holds more than its byte
// bound, whatever documents, parse errors and compiled charges arrive, and keeps a document
// it holds answerable until it is pushed out.
import fc from 'fast-check';
import { type DocumentNode, Kind } from 'graphql';
import { createDocumentCache, PARSED_BYTES_PER_SOURCE_CHARACTER } from '../../../server/security/document-cache';

const document = (): DocumentNode => ({ kind: Kind.DOCUMENT, definitions: [] });

type Step = { kind: 'parse' | 'error'; source: string } | { kind: 'compile'; source: string; bytes: number } | { kind: 'read'; source: string };

const source = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 200, maxLength: 3_000 }));
const step: fc.Arbitrary<Step> = fc.oneof(
  source.map((s) => ({ kind: 'parse' as const, source: s })),
  source.map((s) => ({ kind: 'error' as const, source: s })),
  fc.tuple(source, fc.integer({ min: 0, max: 5_000_000 })).map(([s, bytes]) => ({ kind: 'compile' as const, source: s, bytes })),
  source.map((s) => ({ kind: 'read' as const, source: s })),
);

describe('document cache', () => {
  it('never holds more bytes than its bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }).map((mb) => mb * 1024 * 1024), fc.array(step, { maxLength: 300 }), (maxBytes, steps) => {
        const cache = createDocumentCache(maxBytes);
        for (const s of steps) {
          if (s.kind === 'parse') cache.yoga.documentCache.set(s.source, document());
          else if (s.kind === 'error') cache.yoga.errorCache.set(s.source, new Error('Syntax Error'));
          else if (s.kind === 'compile') cache.charge(s.source, s.bytes);
          else cache.yoga.documentCache.get(s.source);
          expect(cache.bytesHeld()).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });

  it('charges a document for its parse and its compiled function, and pushes out the least recently used', () => {
    const maxBytes = 1024 * 1024;
    const cache = createDocumentCache(maxBytes);
    const sources = Array.from({ length: 3 }, (_, i) => `{ a${i}: academies(first: 1) { edges { node { id } } } }`.padEnd(1000, ' '));
    for (const s of sources) cache.yoga.documentCache.set(s, document());
    expect(cache.bytesHeld()).toBe(sources.reduce((total, s) => total + s.length * PARSED_BYTES_PER_SOURCE_CHARACTER + 1, 0));
    expect(sources.every((s) => cache.has(s))).toBe(true);
    // The first is used again; a large compiled function for the third pushes out the second.
    cache.yoga.documentCache.get(sources[0]!);
    cache.charge(sources[2]!, 700_000);
    expect(sources.map((s) => cache.has(s))).toEqual([true, false, true]);
    expect(cache.bytesHeld()).toBeLessThanOrEqual(maxBytes);
    // A document bigger than the whole bound is not kept.
    cache.charge(sources[0]!, maxBytes);
    expect(cache.has(sources[0]!)).toBe(false);
  });
});
