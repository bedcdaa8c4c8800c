// The GraphQL layer's ceiling: a minimal yoga server with a schema of the nested page's shape
// that returns a captured answer, so the real server's throughput can be compared with it.
import { createServer, type Server } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createSchema, createYoga } from 'graphql-yoga';
import { listen, post } from './http';

/** A server with a schema of the nested page's shape that returns a captured answer: GraphQL's ceiling. */
function staticServer(captured: unknown, compiled = false): Server {
  const schema = createSchema({
    typeDefs: /* GraphQL */ `
      type Query { needs(first: Int): NeedConnection! }
      type NeedConnection { edges: [NeedEdge!]! pageInfo: PageInfo! }
      type PageInfo { hasNextPage: Boolean! endCursor: String }
      type NeedEdge { cursor: String! node: Need! }
      type Need { id: ID! area: String! severity: String! priority: Float! daysRequested: Int! academy: Academy! }
      type Academy { id: ID! name: String! fsmPercent: Float ofstedRating: String! cluster: Cluster trust: Trust }
      type Cluster { id: ID! name: String! leadAcademy: Academy! trust: Trust! }
      type Trust { id: ID! name: String! }
    `,
    resolvers: { Query: { needs: () => captured } },
  });
  const yoga = createYoga<Record<string, unknown>>({ schema: schema as never, graphiql: false, landingPage: false, logging: false, plugins: compiled ? [useGraphQlJit()] : [] });
  return createServer(yoga);
}

/** Starts a static server replaying the nested page's answer and adds it to `servers`; resolves to its URL. */
export function startStaticServer(nestedPage: any, servers: Server[], compiled = false): Promise<string> {
  const server = staticServer(nestedPage.data.needs, compiled);
  servers.push(server);
  return listen(server);
}

/** The ceiling means something only if the static server answers exactly as the real one. */
export async function checkStaticServer(url: string, nestedPage: unknown, nestedPageBody: string): Promise<void> {
  const check = await post(url, nestedPageBody);
  if (JSON.stringify(check.json) !== JSON.stringify(nestedPage)) throw new Error('the static server does not give the same answer as the real one');
}
