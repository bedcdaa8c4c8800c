// Mutation inputs' global IDs are decoded at the schema boundary (schema/ids.ts) into
// references the services read (server/services/references.ts): the raw id, or the
// INVALID_ID user error naming the field, worded as the services always worded it.
import { encodeGlobalId } from '../../../server/auth/global-id';
import { decodeIds, refOf } from '../../../schema/ids';
import { refInput } from '../../../server/services/references';

const ACADEMY = '64b000000000000000000001';
const TRUST = '64b000000000000000000002';

describe('decoding mutation input IDs (schema/ids.ts)', () => {
  it('gives the raw id of a global ID of the expected type, with its field and label', () => {
    expect(refOf(encodeGlobalId('Academy', ACADEMY), 'Academy', 'academyId')).toEqual({ ok: true, id: ACADEMY, field: ['academyId'], label: 'Academy' });
  });

  it('turns an ID of another type, or no ID at all, into INVALID_ID naming the field', () => {
    const invalid = { ok: false, error: { field: ['academyId'], message: 'academyId is not a valid Academy ID', code: 'INVALID_ID' } };
    expect(refOf(encodeGlobalId('Trust', TRUST), 'Academy', 'academyId')).toEqual(invalid);
    expect(refOf('not-an-id', 'Academy', 'academyId')).toEqual(invalid);
    expect(refOf('x', { type: 'DirectoryUser', label: 'directory record' }, 'id')).toEqual({
      ok: false,
      error: { field: ['id'], message: 'id is not a valid directory record ID', code: 'INVALID_ID' },
    });
  });

  it('decodes the named fields only, each list element at its own path, and keeps absent and null as given', () => {
    const input = {
      trustId: encodeGlobalId('Trust', TRUST),
      memberAcademyIds: [encodeGlobalId('Academy', ACADEMY), 'nonsense'],
      executiveHeadId: null,
      name: encodeGlobalId('Trust', TRUST),
    };
    const decoded = decodeIds(input, { trustId: 'Trust', memberAcademyIds: { list: 'Academy' }, executiveHeadId: 'StaffMember', clusterId: 'Cluster' }) as Record<string, unknown>;
    expect(decoded.trustId).toEqual({ ok: true, id: TRUST, field: ['trustId'], label: 'Trust' });
    expect(decoded.memberAcademyIds).toEqual([
      { ok: true, id: ACADEMY, field: ['memberAcademyIds', '0'], label: 'Academy' },
      { ok: false, error: { field: ['memberAcademyIds', '1'], message: 'memberAcademyIds.1 is not a valid Academy ID', code: 'INVALID_ID' } },
    ]);
    expect(decoded.executiveHeadId).toBeNull();
    expect('clusterId' in decoded).toBe(false);
    expect(decoded.name).toBe(input.name);
  });

  it('lets a service accept only a decoded reference where an ID goes (a global ID string fails its zod schema)', () => {
    expect(refInput.safeParse(refOf(encodeGlobalId('Academy', ACADEMY), 'Academy', 'academyId')).success).toBe(true);
    expect(refInput.safeParse(refOf('nonsense', 'Academy', 'academyId')).success).toBe(true);
    expect(refInput.safeParse(encodeGlobalId('Academy', ACADEMY)).success).toBe(false);
  });
});
