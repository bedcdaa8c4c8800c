// Exposed fields (`t.expose*` of the property of the same name) have no resolver of their own
// in the built schema (schema/exposed-fields.ts): graphql reads the property, so graphql-jit
// builds no resolve info for them and the deadline guard does not wrap them. Fields with
// code of their own keep it.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { graphql, type GraphQLObjectType } from 'graphql';
import { ExposedFieldsPluginName } from '../../../schema/exposed-fields';
import { schema } from '../../../schema';
import { guardResolversWithDeadline } from '../../../server/security/execution-timeout';

const objectType = (name: string) => schema.getType(name) as GraphQLObjectType;

describe('exposed fields', () => {
  it('read their property without a resolver; fields with code keep theirs', () => {
    for (const [type, field] of [['ImprovementNeed', 'area'], ['ImprovementNeed', 'severity'], ['ImprovementNeed', 'priority'], ['ImprovementNeed', 'daysRequested'], ['Academy', 'name'], ['Academy', 'ofstedRating'], ['Academy', 'urn'], ['Cluster', 'name'], ['Trust', 'name']] as const) {
      expect([type, field, objectType(type).getFields()[field]!.resolve]).toEqual([type, field, undefined]);
    }
    for (const [type, field] of [['ImprovementNeed', 'academy'], ['ImprovementNeed', 'id'], ['Academy', 'fsmPercent'], ['Academy', 'cluster']] as const) {
      expect([type, field, typeof objectType(type).getFields()[field]!.resolve]).toEqual([type, field, 'function']);
    }
  });

  it('are left alone by the execution deadline guard, which wraps the fields with code', () => {
    guardResolversWithDeadline(schema);
    const fields = objectType('ImprovementNeed').getFields();
    expect(fields.area!.resolve).toBeUndefined();
    expect((fields.academy!.resolve as { deadlineGuarded?: true }).deadlineGuarded).toBe(true);
  });
});

describe('an exposed field with its own rights', () => {
  // The plugin replaces only the innermost resolver (Pothos wraps plugins right to left), so
  // the scope-auth check still runs. Pinned here because a reordered plugin list, or a plugin
  // that replaced the outermost resolver, would serve such a field to anyone.
  it('still refuses a caller without them', async () => {
    const builder = new SchemaBuilder<{ Context: { admin: boolean }; AuthScopes: { admin: boolean } }>({
      plugins: [ScopeAuthPlugin, ExposedFieldsPluginName],
      scopeAuth: { authScopes: (context) => ({ admin: context.admin }) },
    });
    const Secret = builder.objectRef<{ note: string; open: string }>('Secret').implement({
      fields: (t) => ({ note: t.exposeString('note', { authScopes: { admin: true } }), open: t.exposeString('open') }),
    });
    builder.queryType({ fields: (t) => ({ secret: t.field({ type: Secret, resolve: () => ({ note: 'hidden', open: 'shown' }) }) }) });
    const built = builder.toSchema();
    const run = (admin: boolean) => graphql({ schema: built, source: '{ secret { note open } }', contextValue: { admin } });
    const refused = await run(false);
    expect(refused.errors?.map((e) => e.path?.join('.'))).toEqual(['secret.note']);
    expect((await run(true)).data).toEqual({ secret: { note: 'hidden', open: 'shown' } });
    expect(typeof (built.getType('Secret') as GraphQLObjectType).getFields().note!.resolve).toBe('function');
    expect((built.getType('Secret') as GraphQLObjectType).getFields().open!.resolve).toBeUndefined();
  });
});
