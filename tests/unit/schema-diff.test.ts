import { buildSchema } from 'graphql';
import { diffSchemas } from '../../tools/schema-diff';

describe('schema diff (npm run schema:diff)', () => {
  const before = buildSchema(`
    type Query { trust(id: ID!): Trust }
    type Trust { id: ID! name: String! trustCode: String }
    enum Phase { PRIMARY SECONDARY }
  `);

  it('reports removals and type changes as breaking, new enum values as dangerous, and lists additions', () => {
    const after = buildSchema(`
      type Query { trust(id: ID!): Trust, trusts: [Trust!]! }
      type Trust { id: ID! name: String giasCode: String }
      enum Phase { PRIMARY SECONDARY SPECIAL }
      type Hub { id: ID! }
    `);
    const diff = diffSchemas(before, after);
    expect(diff.breaking).toEqual(
      expect.arrayContaining([
        'FIELD_REMOVED: Trust.trustCode was removed.',
        'FIELD_CHANGED_KIND: Trust.name changed type from String! to String.',
      ]),
    );
    expect(diff.dangerous).toEqual(['VALUE_ADDED_TO_ENUM: SPECIAL was added to enum type Phase.']);
    expect(diff.added).toEqual(['Hub was added.', 'Phase.SPECIAL was added.', 'Query.trusts was added.', 'Trust.giasCode was added.']);
  });

  it('finds nothing between a schema and itself', () => {
    expect(diffSchemas(before, before)).toEqual({ breaking: [], dangerous: [], added: [] });
  });
});
