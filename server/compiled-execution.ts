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

type Plugin = ReturnType<typeof useGraphQlJit>;

export function compiledExecution(): Plugin[] {
  return [useGraphQlJit({}, { enableIf: compilable }), errorLocationsFromPaths];
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
