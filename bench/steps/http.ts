// Plain HTTP for the bench's single requests (the load itself comes from bench/load-client.ts).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A GraphQL request body. */
export const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; ms: number }> {
  const t = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers }, body });
  const json = await response.json();
  return { status: response.status, json, ms: performance.now() - t };
}

/** Listen on a free loopback port; resolves to the GraphQL URL. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

/** Close servers, dropping kept-alive connections so the process can exit. */
export function closeAll(servers: readonly Server[]): void {
  for (const server of servers) {
    server.closeAllConnections?.();
    server.close();
  }
}
