// Exposed fields (`t.expose*` of the property of the same name) have no resolver of their own
// in the built schema (schema/exposed-fields.ts): graphql reads the property, so graphql-jit
// builds no resolve info for them and the deadline guard does not wrap them. Fields with
// code of their own keep it.
import type { GraphQLObjectType } from 'graphql';
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
