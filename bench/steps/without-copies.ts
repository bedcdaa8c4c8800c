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

/** The nested page and the first request of each ranking, against their answers with the copies. */
export async function answerWithoutCopies(url: string, references: readonly ReferenceAnswer[], counter: CommandCounter): Promise<WithoutCopiesResult[]> {
  const results: WithoutCopiesResult[] = [];
  const picks = [references[0]!, references.find((r) => r.label === 'rankCandidates')!, references.find((r) => r.label === 'rankNeedsForStaff')!];
  setReadCacheMode('off');
  try {
    for (const ref of picks) {
      log(`without copies: ${ref.label} (reads every document of the collections it touches)...`);
      counter.reset();
      const r = await post(url, ref.body, ref.headers);
      results.push({ label: ref.label, ms: r.ms, total: counter.total(), commands: counter.summary(), identical: JSON.stringify(r.json) === JSON.stringify(ref.answer) });
      log(`without copies: ${ref.label}: ${ms(r.ms)} ms, ${counter.total()} round trips (${counter.summary()}), same answer: ${results[results.length - 1]!.identical}`);
    }
  } finally {
    setReadCacheMode('auto');
  }
  return results;
}
