// TanStack Query around gqlRequest: the cache key is the operation's name and variables, so
// screens sharing an operation share its answer, and a write invalidates by operation name.
import { type UseQueryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TadaDocumentNode } from 'gql.tada';
import { type ApiError, gqlRequest } from './client';

export function operationName(document: TadaDocumentNode<unknown, never> | { definitions: readonly unknown[] }): string {
  for (const definition of document.definitions as readonly { kind: string; name?: { value: string } }[]) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  throw new Error('operations in web/src must be named');
}

export function useGqlQuery<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  options: Omit<UseQueryOptions<Result, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Result, ApiError>({
    queryKey: [operationName(document), variables],
    queryFn: ({ signal }) => gqlRequest(document, variables, signal),
    ...options,
  });
}

/**
 * A write; on success the named operations' cached answers are refetched. `wrote`, when given,
 * says from the answer whether anything was written (a payload with userErrors writes nothing):
 * when not, nothing is refetched, so a refusal stays on the form that asked rather than the
 * form vanishing with a list the refetch changed.
 */
export function useGqlMutation<Result, Variables>(document: TadaDocumentNode<Result, Variables>, invalidates: string[] = [], wrote?: (result: Result) => boolean) {
  const client = useQueryClient();
  return useMutation<Result, ApiError, Variables>({
    mutationFn: (variables) => gqlRequest(document, variables),
    onSuccess: async (result) => {
      if (wrote && !wrote(result)) return;
      await Promise.all(invalidates.map((name) => client.invalidateQueries({ queryKey: [name] })));
    },
  });
}
