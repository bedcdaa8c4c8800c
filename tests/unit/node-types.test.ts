// node(id:) answers only for the types schema/node-query.ts knows: a Node type missing there
// would answer null for its own valid IDs. Every type implementing Node must be listed.
import { isObjectType } from 'graphql';
import { schema } from '../../schema';
import { NODE_REFS } from '../../schema/node-query';

test('every type implementing Node can be fetched by node(id:)', () => {
  const nodeTypes = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .map((type) => type.name)
    .sort();
  expect(nodeTypes.length).toBeGreaterThan(5);
  expect([...NODE_REFS.keys()].sort()).toEqual(nodeTypes);
});
