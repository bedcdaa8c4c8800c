// `npx tsx bench/profile-summary.ts <file.cpuprofile|file.heapprofile> [--top N] [--inclusive a,b] [--callers a,b] [--phases [--phase-detail name]]`:
// where a CPU profile's time went, as text: self time by package or project directory, the
// functions with the most self time, the inclusive time (the share of samples with the
// function anywhere on the stack) of the functions named, who calls them, and the phases of
// a request (PHASES below). For a sampling heap profile, the bytes allocated by the same cuts.
// Used for BENCHMARKS.md's request-pipeline profile (bench/pipeline-bench.ts --profile).
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A package under node_modules, a project directory, node's internals, or V8's pseudo-frames. */
function placeOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/(server|schema|bench|seeds)\/(.*)$/.exec(url);
  if (project) {
    const path = project[2]!.split('/');
    return `${project[1]}/${path.length > 1 ? `${path[0]}/` : path[0]}`;
  }
  return url;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  return url.replace(/^.*\/(server|schema|bench)\//, '$1/').replace(/^file:\/\//, '');
}

function frameLabel(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}@${shortUrl(frame.url).split('/').slice(-1)[0]}:${frame.lineNumber + 1}`;
}

interface PhaseRule {
  phase: string;
  /** A fallback phase counts only when no specific phase is on the stack (express, yoga, node). */
  fallback?: true;
  test(frame: CallFrame): boolean;
}

const inUrl =
  (...parts: string[]) =>
  (frame: CallFrame) =>
    parts.some((part) => frame.url.includes(part));
const named =
  (...names: string[]) =>
  (frame: CallFrame) =>
    names.includes(frame.functionName);

/**
 * The phases of a request to the real server, matched from the sampled frame upwards: the
 * first specific phase found wins, else the first fallback. Express calls its middlewares
 * nested (each `next()` runs the next one), so the router's own frames are a phase of their
 * own: a middleware's phase is its own code and what it calls, never the ones after it.
 */
const PHASES: PhaseRule[] = [
  { phase: 'garbage collection', test: named('(garbage collector)') },
  { phase: 'express routing', test: (f) => inUrl('/router/', '/express/')(f) && named('next', 'handle', 'trimPrefix', 'handleRequest', 'match', 'matchLayer', 'process_params')(f) },
  { phase: 'token verification', test: inUrl('/jose/', '/server/auth/') },
  { phase: 'operation read for the rate limit (describeOperation)', test: inUrl('/server/security/operation.ts') },
  { phase: 'rate limit', test: inUrl('/express-rate-limit/', '/server/security/rate-limit.ts') },
  { phase: 'cost limit (withRealPageSizes + armor cost rule)', test: inUrl('/server/security/graphql-limits.ts', 'graphql-armor-cost-limit') },
  { phase: 'armor parse/validation limits', test: inUrl('graphql-armor') },
  { phase: 'parse and validation cache', test: inUrl('use-parser-and-validation-cache', '/server/security/document-cache.ts', '/lru-cache/') },
  { phase: 'execution timeout plugin', test: inUrl('/server/security/execution-timeout.ts') },
  { phase: 'compiled-execution plugin (enableIf, locations)', test: inUrl('/server/compiled-execution.ts', '/@envelop/graphql-jit/') },
  { phase: 'execute (resolvers, copies, graphql-jit)', test: inUrl('/graphql-jit/', '/schema/', '/server/db/', '/server/services/', '/@pothos/', '/dataloader/', '/graphql/execution/', '/bson/', '/mongoose/') },
  { phase: 'serialise the result', test: named('jsonStringifyResultWithoutInternals', 'processRegularResult', 'processResult') },
  { phase: 'response write', test: (f) => named('sendNodeResponse', 'sendResponseBody', 'endResponse')(f) || inUrl('_http_outgoing')(f) },
  { phase: 'helmet headers', test: inUrl('/helmet/', '/server/security/http-headers.ts') },
  { phase: 'cors', test: inUrl('/cors/') },
  { phase: 'body read (raw-body)', test: inUrl('/raw-body/', '/body-parser/', '/type-is/', '/server/security/body-limit.ts') },
  { phase: 'request params check', test: inUrl('/server/security/request-params.ts') },
  { phase: 'request id and access log (request-context, pino)', test: inUrl('/server/security/request-context.ts', '/pino/', '/server/logger.ts', 'on-finished') },
  { phase: 'graphql parse/validate (graphql-js)', fallback: true, test: inUrl('/graphql/language/', '/graphql/validation/', '/graphql/utilities/') },
  { phase: 'yoga and whatwg-node plumbing', test: inUrl('/graphql-yoga/', '/@whatwg-node/', '/@envelop/', '/@graphql-tools/', '/server/app.ts') },
  { phase: 'express other', fallback: true, test: inUrl('/express/', '/router/', '/parseurl/', '/finalhandler/', '/forwarded/', '/proxy-addr/') },
  { phase: 'node http, sockets, microtasks', fallback: true, test: (f) => f.url.startsWith('node:') || f.url === '' },
];

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** A sampling heap profile (.heapprofile): bytes allocated by place, by function and by phase. */
function summariseHeap(file: string, top: number): void {
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byPhase = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode, stack: CallFrame[]) => {
    const frames = [...stack, node.callFrame];
    if (node.selfSize) {
      total += node.selfSize;
      const frame = node.callFrame;
      byPlace.set(placeOf(frame), (byPlace.get(placeOf(frame)) ?? 0) + node.selfSize);
      const key = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
      let specific: string | null = null;
      let fallback: string | null = null;
      for (let i = frames.length - 1; i >= 0 && !specific; i--) {
        for (const rule of PHASES) {
          if (!rule.test(frames[i]!)) continue;
          if (rule.fallback) fallback ??= rule.phase;
          else specific = rule.phase;
          break;
        }
      }
      const phase = specific ?? fallback ?? 'other';
      byPhase.set(phase, (byPhase.get(phase) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, frames);
  };
  walk(head, []);
  const line = (bytes: number, label: string) => console.log(`  ${((100 * bytes) / total).toFixed(1).padStart(5)}% ${(bytes / 1024 / 1024).toFixed(1).padStart(8)} MB  ${label}`);
  console.log(`sampled allocations ${(total / 1024 / 1024).toFixed(0)} MB (collected objects included)`);
  for (const [title, map] of [['by phase', byPhase], ['by place', byPlace], ['by function', byFunction]] as const) {
    console.log(`\n${title}`);
    for (const [label, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) line(bytes, label);
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  const file = argv[0];
  if (!file) throw new Error('usage: bench/profile-summary.ts <file.cpuprofile|file.heapprofile> [--top N] [--inclusive a,b]');
  if (file.endsWith('.heapprofile')) {
    const topAt = argv.indexOf('--top');
    return summariseHeap(file, topAt >= 0 ? Number(argv[topAt + 1]) : 30);
  }
  const topIndex = argv.indexOf('--top');
  const top = topIndex >= 0 ? Number(argv[topIndex + 1]) : 30;
  const inclusiveIndex = argv.indexOf('--inclusive');
  const inclusiveNames = inclusiveIndex >= 0 ? argv[inclusiveIndex + 1]!.split(',') : [];
  const callersIndex = argv.indexOf('--callers');
  const callersOf = callersIndex >= 0 ? argv[callersIndex + 1]!.split(',') : [];
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample's time is the delta to the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + us);
  }
  const totalUs = profile.endTime - profile.startTime;
  const idleUs = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((s, [, us]) => s + us, 0);
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1)}%`;
  const msOf = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  console.log(`profile ${(totalUs / 1e6).toFixed(1)} s, busy (not idle) ${(busyUs / 1e6).toFixed(1)} s; shares below are of busy time`);

  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    byPlace.set(placeOf(frame), (byPlace.get(placeOf(frame)) ?? 0) + us);
    const key = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  console.log('\nself time by place');
  for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)} ${msOf(us).padStart(9)}  ${place}`);
  console.log('\nself time by function');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)} ${msOf(us).padStart(9)}  ${name}`);

  if (inclusiveNames.length) {
    console.log('\ninclusive time (function anywhere on the stack)');
    const wanted = new Set(inclusiveNames);
    const inclusive = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const us = profile.timeDeltas[i + 1] ?? 0;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const name = byId.get(id)!.callFrame.functionName;
        if (wanted.has(name)) seen.add(name);
      }
      for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
    for (const name of inclusiveNames) console.log(`  ${pct(inclusive.get(name) ?? 0).padStart(6)} ${msOf(inclusive.get(name) ?? 0).padStart(9)}  ${name}`);
  }

  // Who calls a function: the samples with it on the stack (inclusive), split by the chain
  // of the 4 frames above its nearest occurrence.
  for (const name of callersOf) {
    console.log(`\ncallers of ${name} (inclusive time, by the 4 frames above)`);
    const chains = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const us = profile.timeDeltas[i + 1] ?? 0;
      let id: number | undefined = profile.samples[i];
      while (id !== undefined && byId.get(id)!.callFrame.functionName !== name) id = parent.get(id);
      if (id === undefined) continue;
      const chain: string[] = [];
      for (let up = parent.get(id); up !== undefined && chain.length < 4; up = parent.get(up)) chain.push(frameLabel(byId.get(up)!.callFrame));
      const key = chain.join(' < ');
      chains.set(key, (chains.get(key) ?? 0) + us);
    }
    for (const [chain, us] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${msOf(us).padStart(9)}  ${chain}`);
  }

  if (argv.includes('--phases')) {
    console.log('\nphases of a request (each sample to the nearest frame that names a phase; see PHASES)');
    const phases = new Map<string, number>();
    const detailIndex = argv.indexOf('--phase-detail');
    const detailPhase = detailIndex >= 0 ? argv[detailIndex + 1] : undefined;
    const detail = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const us = profile.timeDeltas[i + 1] ?? 0;
      const leaf = byId.get(profile.samples[i]!)!.callFrame;
      if (leaf.functionName === '(idle)') continue;
      let specific: string | null = null;
      let fallback: string | null = null;
      for (let id: number | undefined = profile.samples[i]; id !== undefined && !specific; id = parent.get(id)) {
        const frame = byId.get(id)!.callFrame;
        for (const rule of PHASES) {
          if (!rule.test(frame)) continue;
          if (rule.fallback) fallback ??= rule.phase;
          else specific = rule.phase;
          break;
        }
      }
      const phase = specific ?? fallback ?? 'other';
      phases.set(phase, (phases.get(phase) ?? 0) + us);
      if (detailPhase && phase.startsWith(detailPhase)) {
        const key = `${leaf.functionName || '(anonymous)'} ${shortUrl(leaf.url)}:${leaf.lineNumber + 1}`;
        detail.set(key, (detail.get(key) ?? 0) + us);
      }
    }
    for (const [phase, us] of [...phases].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us).padStart(6)} ${msOf(us).padStart(9)}  ${phase}`);
    if (detailPhase) {
      console.log(`\nself time within the phase "${detailPhase}…"`);
      for (const [name, us] of [...detail].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)} ${msOf(us).padStart(9)}  ${name}`);
    }
  }
}

main();
