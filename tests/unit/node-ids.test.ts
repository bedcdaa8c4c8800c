// Nodes' `id` fields answer synchronously with a remembered global ID (schema/node-ids.ts):
// the same string the relay plugin's own encoding gives, for every Node type, and never a
// promise for records at hand.
import fc from 'fast-check';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { Types } from 'mongoose';
import { schema } from '../../schema';
import { nodeGlobalId } from '../../schema/node-ids';
import { encodeGlobalId } from '../../server/auth/global-id';

const nodeTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'));

test('nodeGlobalId is the relay encoding, for ObjectIds and strings, remembered per type', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.constantFrom('Academy', 'Trust', 'ImprovementNeed'), (bytes, typename) => {
      const id = new Types.ObjectId(Buffer.from(bytes));
      const expected = Buffer.from(`${typename}:${id.toHexString()}`, 'utf8').toString('base64');
      expect(nodeGlobalId(typename, id)).toBe(expected);
      expect(nodeGlobalId(typename, id)).toBe(expected); // remembered: the same answer again
      expect(nodeGlobalId(typename, id.toHexString())).toBe(expected);
      // The same ObjectId under another type is that type's ID, not the remembered one.
      expect(nodeGlobalId('StaffMember', id)).toBe(encodeGlobalId('StaffMember', id.toHexString()));
    }),
  );
});

const admin = { viewer: { sub: 'admin', role: 'ADMIN', staffId: null, academyId: null, clusterId: null, trustId: null } };

function idOfRecord(type: (typeof nodeTypes)[number], id: Types.ObjectId): unknown {
  if (!isObjectType(type)) throw new Error('not an object type');
  const record = { _id: id, id: id.toHexString() };
  return type.getFields().id!.resolve!(record, {}, admin, {} as GraphQLResolveInfo);
}

// Deployments and offers are readable per record (their scopes look the record's parties up in
// the database): their ids are read over HTTP by the API tests (e.g. tests/api/deployments.test.ts).
const PER_RECORD_SCOPES = new Set(['Deployment', 'SupportOffer']);

test.each(nodeTypes.filter((t) => !PER_RECORD_SCOPES.has(t.name)).map((type) => [type.name, type] as const))('%s.id answers the relay global ID', async (typename, type) => {
  const id = new Types.ObjectId();
  expect(await idOfRecord(type, id)).toBe(encodeGlobalId(typename, id.toHexString()));
});

test('the nested page\'s node types answer their ids without a promise', () => {
  for (const name of ['ImprovementNeed', 'Academy', 'Cluster', 'Trust']) {
    const id = new Types.ObjectId();
    expect(idOfRecord(nodeTypes.find((t) => t.name === name)!, id)).toBe(encodeGlobalId(name, id.toHexString()));
  }
});
