// The deadline guard (server/security/execution-timeout.ts) must never leave a rejection
// nobody handles: Node ends the process on one, so a query that times out would take the
// server down for everyone.
//
// The executor yoga runs (@graphql-tools/executor) completes a list item by item; when an
// item of a non-null list throws synchronously, the loop stops and the items already turned
// into promises are abandoned, unobserved. A guard that threw synchronously did exactly that
// once the deadline fell between two items: the earlier items' deeper fields, refused later,
// rejected with no handler (seen as an uncaught DeadlinePassed in CI).
import { execute } from '@graphql-tools/executor';
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { guardResolversWithDeadline, type ExecutionDeadline } from '../../../server/security/execution-timeout';

interface Row {
  index: number;
}

/** Items: the first one's `late` field waits a turn; reading item 0's `passDeadline` makes the deadline pass. */
function schemaWithAListOfNonNullItems(): GraphQLSchema {
  const leaf = new GraphQLObjectType({
    name: 'Leaf',
    fields: { text: { type: new GraphQLNonNull(GraphQLString), resolve: () => 'leaf' } },
  });
  const item: GraphQLObjectType = new GraphQLObjectType({
    name: 'Item',
    fields: {
      late: {
        type: new GraphQLNonNull(leaf),
        resolve: (row: Row) => (row.index === 0 ? Promise.resolve({}) : {}),
      },
      passDeadline: {
        type: GraphQLString,
        resolve: (_row: Row, _args: unknown, context: ExecutionDeadline) => {
          context.executionDeadline = 1; // long gone: every guarded field from here on is refused
          return 'passed';
        },
      },
    },
  });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(item))),
        resolve: () => [0, 1, 2].map((index) => ({ index })),
      },
    },
  });
  return guardResolversWithDeadline(new GraphQLSchema({ query }));
}

/** Lets every pending promise callback and the next macrotask run, without any timer. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the execution deadline guard', () => {
  it('refuses fields past the deadline without leaving a rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const context: ExecutionDeadline = { executionDeadline: performance.now() + 60_000 };
      const result = await execute({
        schema: schemaWithAListOfNonNullItems(),
        document: parse('{ items { late { text } passDeadline } }'),
        contextValue: context,
      });
      for (let i = 0; i < 5; i += 1) await settle();

      expect(unhandled).toEqual([]);
      expect(context.executionTimedOut).toBe(true);
      // The item refused makes the non-null list null, and so the whole answer: the
      // execution-timeout plugin then answers with the timeout error alone.
      expect('data' in result ? result.data : undefined).toBeNull();
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
