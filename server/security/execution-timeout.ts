// Execution timeout (GRAPHQL_EXECUTION_TIMEOUT_MS): a query still running at its deadline is
// stopped and answered with one EXECUTION_TIMEOUT error, data null. Two mechanisms, because
// JavaScript cannot interrupt running code:
// - every field with a resolver of its own first checks the deadline, so a large nested query
//   stops descending as soon as it is late, even when all its work is promise callbacks that
//   would never let a timer fire;
// - a timer answers at the deadline while the query waits on the database.
// Work already inside one resolver (one ranking, one solver run) finishes in the background
// and its result is dropped. Mutations are not cut short: stopping one half-way would leave
// some of its writes done and the caller told it failed. They have the rate limit instead.
import { defaultFieldResolver, GraphQLError, type GraphQLSchema, isObjectType, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

/** Carried on the GraphQL context; set when a query starts. */
export interface ExecutionDeadline {
  executionDeadline?: number | null;
  /** Set once the deadline has stopped something: the answer is then the timeout alone. */
  executionTimedOut?: boolean;
}

export function timeoutError(ms: number): GraphQLError {
  return new GraphQLError(
    `The query ran longer than this server's limit of ${ms} ms and was stopped: ask for fewer items per page, fewer nested fields or a narrower filter`,
    { extensions: { code: EXECUTION_TIMEOUT, limitMs: ms, http: { status: 503 } } },
  );
}

class DeadlinePassed extends Error {}

/**
 * Wraps, in place, every resolver the schema defines (fields read straight off an object keep
 * graphql's default resolver and cost nothing extra). Called once, on the schema the app serves.
 */
export function guardResolversWithDeadline(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || resolve === defaultFieldResolver || (resolve as { deadlineGuarded?: true }).deadlineGuarded) continue;
      const guarded: typeof resolve = (source, args, context: ExecutionDeadline | undefined, info) => {
        const deadline = context?.executionDeadline;
        if (deadline && performance.now() > deadline) {
          context!.executionTimedOut = true;
          // A rejected promise, never a synchronous throw: the executor abandons, unobserved,
          // the earlier items of a non-null list when a later item throws synchronously, and
          // their rejections would then end the process (tests/unit/security/execution-timeout-guard.test.ts).
          return Promise.reject(new DeadlinePassed());
        }
        return resolve(source, args, context, info);
      };
      (guarded as { deadlineGuarded?: true }).deadlineGuarded = true;
      field.resolve = guarded;
    }
  }
  return schema;
}

function isQuery(document: unknown, operationName: string | null | undefined): boolean {
  const operations = ((document as { definitions?: unknown[] }).definitions ?? []).filter(
    (d): d is OperationDefinitionNode => (d as { kind?: string }).kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  return operation?.operation === 'query';
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** Put after every plugin that replaces the executor, so it wraps the one that runs. */
export function executionTimeout(ms: number): Plugin {
  if (ms <= 0) return {};
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!isQuery(args.document, args.operationName)) return;
      const context = args.contextValue as ExecutionDeadline;
      context.executionDeadline = performance.now() + ms;
      setExecuteFn((executeArgs) => {
        const result = executeFn(executeArgs);
        if (!isPromise(result)) return result;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => {
            context.executionTimedOut = true;
            resolve({ errors: [timeoutError(ms)] });
          }, ms);
        });
        return Promise.race([result, late]).finally(() => clearTimeout(timer)) as ReturnType<typeof executeFn>;
      });
      return {
        // Something was stopped (a guarded field refused, or the timer answered): the whole
        // answer is the timeout, not a page with holes in it. An answer that is complete is
        // sent even if it took a little longer: its work is done.
        onExecuteDone({ result, setResult }) {
          if (context.executionTimedOut && !(Symbol.asyncIterator in (result as object))) setResult({ errors: [timeoutError(ms)] });
        },
      };
    },
  };
}
