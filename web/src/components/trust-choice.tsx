// Which trust a trust-level screen is about: the caller's own (from `viewer`), or for an ADMIN
// (who belongs to none) a trust chosen from the list.
import { useId } from 'react';
import { graphql } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { ErrorNotice, Loading } from './states';

const TrustChoiceQuery = graphql(`
  query TrustChoice {
    viewer {
      role
      trust {
        id
        name
      }
    }
    trusts(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export function useTrustChoice(chosen: string | null) {
  const query = useGqlQuery(TrustChoiceQuery, {});
  const own = query.data?.viewer?.trust ?? null;
  const trusts = query.data?.trusts.edges.map((e) => e.node) ?? [];
  const trustId = own?.id ?? chosen ?? trusts[0]?.id ?? null;
  return { query, own, trusts, trustId };
}

export function TrustPicker({ choice, onChoose }: { choice: ReturnType<typeof useTrustChoice>; onChoose: (id: string) => void }) {
  const id = useId();
  if (choice.query.isPending) return <Loading what="your trust" />;
  if (choice.query.error) return <ErrorNotice error={choice.query.error} retry={() => void choice.query.refetch()} />;
  if (choice.own) return null;
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Trust</label>
      <select id={id} value={choice.trustId ?? ''} onChange={(e) => onChoose(e.target.value)}>
        {choice.trusts.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
