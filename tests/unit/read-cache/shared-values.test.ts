import fc from 'fast-check';
import { Types } from 'mongoose';
import { deepFreeze, idString, newLoadScope } from '../../../server/db/read-cache/shared-values';

// The copies share repeated values between documents (shared-values.ts) to save memory. That
// is only sound if a frozen document is still equal, value for value, to what was loaded, and
// values that JSON writes alike (0 and -0, null and NaN) are never taken for one another.

type Spec = { kind: 'id'; hex: string } | { kind: 'date'; time: number } | { kind: 'value'; value: unknown } | { kind: 'list'; items: Spec[] } | { kind: 'record'; fields: [string, Spec][] };

const hex = fc.constantFrom('64b7f0c2a1b2c3d4e5f60718', '64b7f0c2a1b2c3d4e5f60719', '64b7f0c2a1b2c3d4e5f6071a');
const leaf: fc.Arbitrary<Spec> = fc.oneof(
  hex.map((h) => ({ kind: 'id', hex: h }) as Spec),
  fc.constantFrom(0, 1_700_000_000_000, 1_700_086_400_000).map((time) => ({ kind: 'date', time }) as Spec),
  fc
    .oneof(fc.constantFrom('SECONDARY', 'MATHS', '2026/27', 'a@b.example', '', 'x'.repeat(300)), fc.string({ maxLength: 70 }), fc.constantFrom(0, -0, NaN, Infinity, 1.5, 3), fc.boolean(), fc.constant(null), fc.constant(undefined))
    .map((value) => ({ kind: 'value', value }) as Spec),
);
const spec: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }).map((items) => ({ kind: 'list', items }) as Spec),
    fc.array(fc.tuple(fc.constantFrom('area', 'level', 'phases', 'evidence', 'sub', 'role', 'at'), tie('node')), { maxLength: 5 }).map((fields) => ({ kind: 'record', fields }) as Spec),
  ),
})).node;

/** A fresh value from the spec: each call new objects, as each load gives. */
function build(s: Spec): unknown {
  switch (s.kind) {
    case 'id':
      return new Types.ObjectId(s.hex);
    case 'date':
      return new Date(s.time);
    case 'value':
      return s.value;
    case 'list':
      return s.items.map(build);
    case 'record':
      return Object.fromEntries(s.fields.map(([k, v]) => [k, build(v)]));
  }
}

const documentOf = (fields: Spec[]) => () => ({ _id: new Types.ObjectId(), ...Object.fromEntries(fields.map((f, i) => [`f${i}`, build(f)])) });

describe('shared values of the copies', () => {
  it('property: a frozen document equals what was loaded, value for value (0 and -0, NaN and null, kept apart)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(spec, { maxLength: 5 }), { minLength: 1, maxLength: 4 }), (docs) => {
        const scope = newLoadScope();
        for (const fields of docs) {
          const make = documentOf(fields);
          const loaded = make();
          const expected = { ...loaded, ...Object.fromEntries(fields.map((f, i) => [`f${i}`, build(f)])) };
          expect(deepFreeze(loaded, scope)).toStrictEqual(expected);
          expect(Object.isFrozen(loaded)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shares ObjectIds by value, and their hex string (idString) with them', () => {
    const a = deepFreeze({ _id: new Types.ObjectId('64b7f0c2a1b2c3d4e5f60720'), homeAcademyId: new Types.ObjectId('64b7f0c2a1b2c3d4e5f60721') });
    const b = deepFreeze({ _id: new Types.ObjectId('64b7f0c2a1b2c3d4e5f60722'), homeAcademyId: new Types.ObjectId('64b7f0c2a1b2c3d4e5f60721') });
    expect(a.homeAcademyId).toBe(b.homeAcademyId);
    expect(idString(a.homeAcademyId)).toBe('64b7f0c2a1b2c3d4e5f60721');
    expect(idString(b.homeAcademyId)).toBe(idString(a.homeAcademyId));
    expect(idString('not an ObjectId')).toBe('not an ObjectId');
  });

  it('shares strings and dates only within one load, and records only when JSON tells them apart', () => {
    const scope = newLoadScope();
    const one = deepFreeze({ _id: 1, year: ['2026', '27'].join('/'), at: new Date(1_700_000_000_000), rec: { n: 0, m: null } }, scope);
    const two = deepFreeze({ _id: 2, year: ['2026', '27'].join('/'), at: new Date(1_700_000_000_000), rec: { n: -0, m: NaN } }, scope);
    expect(two.at).toBe(one.at);
    expect(two.rec).not.toBe(one.rec);
    expect(Object.is(two.rec.n, -0)).toBe(true);
    expect(Number.isNaN(two.rec.m)).toBe(true);
    const elsewhere = deepFreeze({ _id: 3, at: new Date(1_700_000_000_000) }, newLoadScope());
    expect(elsewhere.at).not.toBe(one.at);
    expect(elsewhere.at).toEqual(one.at);
  });
});
