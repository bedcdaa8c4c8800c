// Limits on hostile queries, with graphql-armor: depth, aliases, directives and tokens at
// parse/validation time, and cost just before execution. armor's cost multiplies a field by
// its literal `first`/`last` only, so `first: $n` or an omitted `first` (a page of 20) would
// count as 1, and `nodes(ids: $ids)` as one object; the cost check here rewrites those to the
// sizes the server will really use, then applies armor's own cost rule. It runs per execution, never from yoga's
// validation cache, because the same document costs more with larger variables; what it
// remembers is which (document, sizes in its variables) passed, so a document sent again with
// the same sizes is not costed again (see costAlreadyPassed). Fields whose
// work armor cannot see from the document (a list without `first`, an aggregate behind a
// scalar) declare it in the schema as `extensions: { cost: { records: N } }` (FieldCost).
import { ApolloArmor, EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  type ValidationContext,
  type ValidationRule,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE } from '../../schema/pagination';
import type { SecuritySettings } from './settings';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

type Limit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

function limitError(message: string, limit: Limit, max: number): GraphQLError {
  // armor prefixes every refusal with "Syntax Error:", which it is not.
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: QUERY_TOO_COMPLEX, limit, max, http: { status: 400 } },
  });
}

/** armor reports through our error (a code and the limit's name) instead of its own. */
function reportAs(limit: Limit, max: number) {
  return {
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(limitError(error.message, limit, max))],
  };
}

export function graphqlLimitPlugins(settings: SecuritySettings, options: { hideSuggestions: boolean }): Plugin[] {
  return [
    EnvelopArmorPlugin({
      maxDepth: { ...reportAs('depth', settings.maxDepth), flattenFragments: true, ignoreIntrospection: true },
      maxAliases: reportAs('aliases', settings.maxAliases),
      maxDirectives: reportAs('directives', settings.maxDirectives),
      // Parsing has no validation context to report to, so this one throws; tag it on the way.
      maxTokens: {
        n: settings.maxTokens,
        exposeLimits: true,
        propagateOnRejection: true,
        onReject: [
          (_ctx, error) => {
            error.message = error.message.replace(/^Syntax Error: /, '');
            Object.assign(error.extensions, { code: QUERY_TOO_COMPLEX, limit: 'tokens', max: settings.maxTokens });
          },
        ],
      },
      costLimit: { enabled: false }, // replaced by pageSizeAwareCostLimit below
      // "Did you mean …?" lists the schema to a prober; development keeps the help.
      blockFieldSuggestion: { enabled: options.hideSuggestions },
    }) as Plugin,
    pageSizeAwareCostLimit(settings.maxCost),
  ];
}

const OFF = { enabled: false };

/** armor's cost rule alone, reporting through our error. (ApolloArmor hands out bare rules.) */
function armorCostRule(maxCost: number): ValidationRule {
  const { validationRules } = new ApolloArmor({
    costLimit: { ...reportAs('cost', maxCost), maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, flattenFragments: true, ignoreIntrospection: true },
    blockFieldSuggestion: OFF,
    maxTokens: OFF,
    maxAliases: OFF,
    maxDirectives: OFF,
    maxDepth: OFF,
  }).protect();
  if (validationRules.length !== 1) throw new Error('graphql-armor: expected exactly the cost rule');
  return validationRules[0]!;
}

/** Variable sizes remembered as passing, per document: beyond this, new sizes are costed each time. */
export const PASSED_SIZES_PER_DOCUMENT = 32;

interface PassedCosts {
  /** Every variable the document refers to, in order. */
  variables: readonly string[];
  /** Size keys (sizeKey) with which the document was costed and passed. */
  passed: Set<string>;
}

function pageSizeAwareCostLimit(maxCost: number): Plugin {
  const rule = armorCostRule(maxCost);
  // Kept weakly by the parsed document, which yoga's size-bounded cache holds
  // (server/security/document-cache.ts): the memo goes when the document does.
  const passedBy = new WeakMap<DocumentNode, PassedCosts>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const document = args.document as DocumentNode;
      let memo = passedBy.get(document);
      if (!memo) passedBy.set(document, (memo = { variables: variablesIn(document), passed: new Set() }));
      const key = sizeKey(memo.variables, variables);
      if (memo.passed.has(key)) return;
      const errors = validate(args.schema, withRealPageSizes(args.schema, document, variables), [rule]);
      if (errors.length) setResultAndStopExecution({ errors });
      else if (memo.passed.size < PASSED_SIZES_PER_DOCUMENT) memo.passed.add(key);
    },
  };
}

/** The names of the variables a document uses, each once, in order of appearance. */
function variablesIn(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Variable(node) {
      names.add(node.name.value);
    },
  });
  return [...names];
}

/**
 * What withRealPageSizes can read from a document's variables, and nothing else: for each
 * variable, the positive integer it holds (a `first`/`last`) and the length of the list it
 * holds (`ids`). Two requests of one document with the same key get the same cost, so one
 * that passed passes again; a larger `first` or a longer list is a different key and is
 * costed. Strings and other values play no part in the cost, so they are not in the key.
 */
export function sizeKey(names: readonly string[], variables: Record<string, unknown>): string {
  let key = '';
  for (const name of names) {
    const value = variables[name];
    const integer = typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : '-';
    const length = Array.isArray(value) ? value.length : '-';
    key += `${integer}/${length},`;
  }
  return key;
}

/**
 * What a field costs beyond what its place in the document shows, declared in the schema as
 * `extensions: { cost: FieldCost }`: the records it reads or returns. A list is priced as a
 * page of that many; a scalar computed from records (a sum over a hub's staff) as that many
 * objects, since that is the work behind it.
 */
export interface FieldCost {
  records: number;
}

function declaredCost(extensions: Record<string, unknown> | undefined): FieldCost | null {
  const cost = extensions?.cost as FieldCost | undefined;
  return cost && Number.isInteger(cost.records) && cost.records > 0 ? cost : null;
}

const TYPENAME_ONLY = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] } as const;

/**
 * Every field that returns a page or a list of given IDs gets one literal `first` for armor's
 * cost: for a field taking `first`, the larger of the `first`/`last` given (literal or
 * variable), else the argument's default, else the default page size; for `nodes(ids:)`, the
 * number of IDs (a variable can carry thousands, which armor would count as one); for a field
 * declaring a FieldCost, its records (a scalar one also gets a one-field selection, so armor
 * counts it as that many objects rather than as one scalar).
 */
export function withRealPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(node: FieldNode) {
          const definition = typeInfo.getFieldDef();
          const args = definition?.args ?? [];
          const first = args.find((a) => a.name === 'first');
          const declared = declaredCost(definition?.extensions);
          let size: number;
          if (declared) {
            size = declared.records;
          } else if (first) {
            const fallback = typeof first.defaultValue === 'number' ? first.defaultValue : DEFAULT_PAGE_SIZE;
            size = requestedSize(node, variables) ?? fallback;
          } else if (args.some((a) => a.name === 'ids')) {
            size = Math.max(1, listLength(node, 'ids', variables));
          } else {
            return undefined;
          }
          const others = (node.arguments ?? []).filter((a) => a.name.value !== 'first' && a.name.value !== 'last');
          const literal: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(size) } };
          return { ...node, arguments: [literal, ...others], selectionSet: node.selectionSet ?? TYPENAME_ONLY };
        },
      },
    }),
  );
}

function requestedSize(node: FieldNode, variables: Record<string, unknown>): number | null {
  let size: number | null = null;
  for (const arg of node.arguments ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const raw = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : null;
    if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) size = Math.max(size ?? 0, raw);
  }
  return size;
}

function listLength(node: FieldNode, name: string, variables: Record<string, unknown>): number {
  const value = node.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.LIST) return value.values.length;
  if (value?.kind === Kind.VARIABLE) {
    const raw = variables[value.name.value];
    return Array.isArray(raw) ? raw.length : 1;
  }
  return 1;
}
