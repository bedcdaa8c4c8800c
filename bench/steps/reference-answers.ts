// Before any load: check every kind of request answers, keep answers to compare without the
// copies (without-copies.ts), and count the round trips of one request of each kind alone.
import { post } from './http';
import type { CommandCounter } from './monitors';
import type { RealServer } from './real-server';
import type { BenchRequests } from './requests';

export interface ReferenceAnswer {
  label: string;
  body: string;
  headers: Record<string, string>;
  answer: unknown;
}

export interface ReferenceAnswers {
  /** The nested page's answer, which the static server replays. */
  nestedPage: any;
  /** The nested page first, then three of each ranking. */
  all: ReferenceAnswer[];
}

export async function referenceAnswers(server: RealServer, requests: BenchRequests): Promise<ReferenceAnswers> {
  const { url, auth } = server;
  const nested = await post(url, requests.nestedPage, auth);
  if (nested.status !== 200 || nested.json.errors || nested.json.data?.needs?.edges?.length !== 50) throw new Error(`nested page failed: ${JSON.stringify(nested.json).slice(0, 500)}`);
  const all: ReferenceAnswer[] = [{ label: 'nested 50-need page', body: requests.nestedPage, headers: auth, answer: nested.json }];
  for (const [label, bodies] of [['rankCandidates', requests.rankCandidates], ['rankNeedsForStaff', requests.rankNeedsForStaff]] as const) {
    for (const b of bodies.slice(0, 3)) {
      const r = await post(url, b, auth);
      if (r.status !== 200 || r.json.errors) throw new Error(`${label} failed: ${JSON.stringify(r.json).slice(0, 500)}`);
      all.push({ label, body: b, headers: auth, answer: r.json });
    }
  }
  return { nestedPage: nested.json, all };
}

export interface SingleRequest {
  label: string;
  commands: string;
  total: number;
  ms: number;
}

/** Round trips of one request of each kind, alone. */
export async function roundTripsAlone(server: RealServer, requests: BenchRequests, counter: CommandCounter): Promise<SingleRequest[]> {
  const single: SingleRequest[] = [];
  for (const [label, b] of [['nested 50-need page', requests.nestedPage], ['rankCandidates', requests.rankCandidates[0]!], ['rankNeedsForStaff', requests.rankNeedsForStaff[0]!]] as const) {
    counter.reset();
    const r = await post(server.url, b, server.auth);
    single.push({ label, commands: counter.summary(), total: counter.total(), ms: r.ms });
  }
  return single;
}
