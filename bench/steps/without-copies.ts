// Step 6: the same requests once each with the collections' in-process copies switched off,
// i.e. straight from the database: before/after figures, and a check the answers are identical.
import { setReadCacheMode } from '../../server/db/read-cache';
import { post } from './http';
import { log, ms } from './log';
import type { CommandCounter } from './monitors';
import type { ReferenceAnswer } from './reference-answers';

export interface WithoutCopiesResult {
  label: string;
  ms: number;
  total: number;
  commands: string;
  identical: boolean;
}

/**
 * Equal, numbers within 1e-6: rankNeedsForStaff's waiting-time factor moves with the clock, so
 * two answers a few milliseconds apart may differ in the last digits of a score and nothing else.
 */
export function sameAnswer(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameAnswer(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameAnswer((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/**
 * The nested page and the first request of each ranking, against their answers with the
 * copies asked again just before (the bench's reference answers are minutes old by now, and
 * a ranking of needs moves with their waiting time).
 */
export async function answerWithoutCopies(url: string, references: readonly ReferenceAnswer[], counter: CommandCounter): Promise<WithoutCopiesResult[]> {
  const results: WithoutCopiesResult[] = [];
  const picks = [references[0]!, references.find((r) => r.label === 'rankCandidates')!, references.find((r) => r.label === 'rankNeedsForStaff')!];
  const withCopies = [];
  for (const ref of picks) withCopies.push((await post(url, ref.body, ref.headers)).json);
  setReadCacheMode('off');
  try {
    for (const [i, ref] of picks.entries()) {
      log(`without copies: ${ref.label} (reads every document of the collections it touches)...`);
      counter.reset();
      const r = await post(url, ref.body, ref.headers);
      results.push({ label: ref.label, ms: r.ms, total: counter.total(), commands: counter.summary(), identical: sameAnswer(r.json, withCopies[i]) });
      log(`without copies: ${ref.label}: ${ms(r.ms)} ms, ${counter.total()} round trips (${counter.summary()}), same answer: ${results[results.length - 1]!.identical}`);
    }
  } finally {
    setReadCacheMode('auto');
  }
  return results;
}
