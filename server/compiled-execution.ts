// Compiled execution: graphql-jit turns each operation into JavaScript once and runs that
// (about twice as fast as graphql-js's interpreting executor on a nested 50-need page;
// BENCHMARKS.md). Three gaps of @envelop/graphql-jit 11 are closed here:
// - it caches by document alone, so a document holding several operations would run
//   whichever was compiled first: such documents go to graphql-js's executor;
// - it coerces variables itself and answers a bad one with 200 and a different message,
//   where GraphQL over HTTP wants a request error (400): variables that do not coerce go
//   to graphql-js's executor, which answers as the spec says;
// - its errors carry `locations` but no AST `nodes`, and yoga rebuilds errors from `nodes`
//   when it serialises them, so field errors would lose their locations: the nodes are
//   found again from the error's path.
//
// Memory and CPU: a compiled function is large (3.7 MB for the 2.8 kB, 18-alias document of
// issue 14; about 80 ms to compile). So a document is compiled only on its second execution
// (the first runs on graphql-js, which holds nothing for it): one-off documents, a stream of
// distinct ones included, never compile. The compiled function is kept weakly by its parsed
// document, and its estimated size is charged to that document in the size-bounded cache
// (server/security/document-cache.ts), so it goes when the document does.
import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import { COMPILED_BYTES_PER_GENERATED_CHARACTER, type DocumentCache } from './security/document-cache';

type Plugin = ReturnType<typeof useGraphQlJit>;

/** Executions of a document before it is compiled: the first runs on graphql-js. */
export const EXECUTIONS_BEFORE_COMPILING = 1;

export function compiledExecution(documents: DocumentCache): Plugin[] {
  const executions = new WeakMap<DocumentNode, number>();
  const seenBefore = (document: DocumentNode) => {
    const count = executions.get(document) ?? 0;
    executions.set(document, count + 1);
    return count >= EXECUTIONS_BEFORE_COMPILING;
  };
  return [
    useGraphQlJit(
      // `debug` (read by graphql-jit, missing from its types) keeps the generated source on
      // the result: its length sizes the charge. V8 keeps that source for the function anyway.
      { debug: true } as Parameters<typeof useGraphQlJit>[0],
      {
        enableIf: (args) => compilable(args) && seenBefore(args.document as DocumentNode),
        // Consulted only after the plugin's own cache (weak, by document) misses, and only
        // to be told of a new compilation: the charge is what it is used for.
        cache: {
          get: () => undefined,
          set: (source, entry) => documents.charge(source, generatedLength(entry) * COMPILED_BYTES_PER_GENERATED_CHARACTER),
        },
      },
    ),
    errorLocationsFromPaths,
  ];
}

function generatedLength(entry: object): number {
  const source = (entry as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation?: unknown }).__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
  return typeof source === 'string' ? source.length : 0;
}

/** One operation, and variables that coerce: what the compiled path answers as graphql-js would. */
function compilable(args: { document: unknown; schema: unknown; variableValues?: unknown }): boolean {
  const operations = operationsIn(args.document as DocumentNode);
  if (operations.length !== 1) return false;
  const definitions = operations[0]!.variableDefinitions ?? [];
  if (!definitions.length) return true;
  const coerced = getVariableValues(args.schema as GraphQLSchema, definitions, (args.variableValues ?? {}) as Record<string, unknown>);
  return !coerced.errors;
}

function operationsIn(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

const errorLocationsFromPaths: Plugin = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        if (!('errors' in result) || !result.errors?.length) return;
        if ((result.errors as GraphQLError[]).every((e) => e.nodes || !e.path)) return;
        const document = args.document as DocumentNode;
        const operation = operationsIn(document)[0];
        if (!operation) return;
        const fragments = new Map(
          document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
        );
        const errors = (result.errors as GraphQLError[]).map((error) => {
          if (error.nodes || !error.path) return error;
          const nodes = fieldNodesAt(operation.selectionSet, error.path, fragments);
          if (!nodes.length) return error;
          return new GraphQLError(error.message, { nodes, path: error.path, originalError: error.originalError, extensions: error.extensions });
        });
        setResult({ ...result, errors });
      },
    };
  },
};

/** The field nodes answering at a response path (list indexes skipped), through fragments. */
function fieldNodesAt(selectionSet: SelectionSetNode, path: readonly (string | number)[], fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  let sets = [selectionSet];
  let found: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    found = sets.flatMap((set) => fieldsNamed(set, key, fragments));
    sets = found.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return found;
}

function fieldsNamed(set: SelectionSetNode, responseKey: string, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return (selection.alias ?? selection.name).value === responseKey ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsNamed(selection.selectionSet, responseKey, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return fieldsNamed(fragment.selectionSet, responseKey, fragments, seen);
  });
}
