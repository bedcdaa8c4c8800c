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

/** A write; on success the named operations' cached answers are refetched. */
export function useGqlMutation<Result, Variables>(document: TadaDocumentNode<Result, Variables>, invalidates: string[] = []) {
  const client = useQueryClient();
  return useMutation<Result, ApiError, Variables>({
    mutationFn: (variables) => gqlRequest(document, variables),
    onSuccess: async () => {
      await Promise.all(invalidates.map((name) => client.invalidateQueries({ queryKey: [name] })));
    },
  });
}
