import fc from 'fast-check';
import { schoolYearOf, schoolYearStarting } from '../../../server/domain/school-year';
import {
  type CapacityRecord,
  capacityIn,
  commitInOtherYear,
  deploymentDaysByYear,
  mostCommittedAhead,
  needSchoolYear,
  releaseInOtherYear,
  rollOverTo,
  supportCapacityRecordOf,
  yearKey,
} from '../../../server/domain/year-capacity';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const Y2026 = schoolYearStarting(2026);
const Y2027 = schoolYearStarting(2027);

const person = (over: Partial<CapacityRecord> = {}): CapacityRecord => ({ capacityYear: '2026/27', capacityDays: 10, remainingDays: 4, otherYears: {}, ...over });

/**
 * Records the writes can produce: an open year, a pair with remaining <= offered, archived
 * years before it and committed days ahead of it, never more than the standing offer.
 */
const records = fc
  .record({
    openStart: fc.integer({ min: 2020, max: 2030 }),
    offer: fc.integer({ min: 0, max: 200 }),
    usedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    past: fc.array(fc.record({ back: fc.integer({ min: 1, max: 4 }), offered: fc.integer({ min: 0, max: 200 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
    ahead: fc.array(fc.record({ forward: fc.integer({ min: 1, max: 4 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
  })
  .map(({ openStart, offer, usedShare, past, ahead }): CapacityRecord => {
    const otherYears: CapacityRecord['otherYears'] = {};
    for (const p of past) otherYears[yearKey({ startYear: openStart - p.back })] = { offered: p.offered, committed: Math.floor(p.offered * p.share) };
    for (const a of ahead) otherYears[yearKey({ startYear: openStart + a.forward })] = { committed: Math.floor(offer * a.share) };
    return { capacityYear: schoolYearStarting(openStart).label, capacityDays: offer, remainingDays: offer - Math.floor(offer * usedShare), otherYears };
  });

describe('capacity per school year', () => {
  it('reads the open year from its pair, a later year from the standing offer less what is committed in it, an earlier one from its archive', () => {
    const record = person({ otherYears: { y2027: { committed: 3 }, y2025: { offered: 12, committed: 12 } } });
    expect(capacityIn(record, Y2026)).toEqual({ schoolYear: '2026/27', offered: 10, committed: 6, left: 4 });
    expect(capacityIn(record, Y2027)).toEqual({ schoolYear: '2027/28', offered: 10, committed: 3, left: 7 });
    expect(capacityIn(record, schoolYearStarting(2028))).toEqual({ schoolYear: '2028/29', offered: 10, committed: 0, left: 10 });
    expect(capacityIn(record, schoolYearStarting(2025))).toEqual({ schoolYear: '2025/26', offered: 12, committed: 12, left: 0 });
    // Before the record had any year of its own, nothing was offered.
    expect(capacityIn(record, schoolYearStarting(2024))).toEqual({ schoolYear: '2024/25', offered: 0, committed: 0, left: 0 });
  });

  it('rolls over by archiving the open year and opening the new one from the standing offer less its commitments', () => {
    const rolled = rollOverTo(person({ otherYears: { y2027: { committed: 3 } } }), Y2027)!;
    expect(rolled).toEqual({ capacityYear: '2027/28', capacityDays: 10, remainingDays: 7, otherYears: { y2026: { offered: 10, committed: 6 } } });
    expect(rollOverTo(rolled, Y2027)).toBeNull();
    expect(rollOverTo(rolled, Y2026)).toBeNull();
  });

  it('property: rolling a year over never changes any year\'s totals (last year\'s above all)', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 3 }), (record, forward) => {
        const openStart = Number(record.capacityYear.slice(0, 4));
        const target = schoolYearStarting(openStart + forward);
        const rolled = rollOverTo(record, target)!;
        expect(rolled.capacityYear).toBe(target.label);
        for (let start = openStart - 5; start <= openStart + 8; start += 1) {
          const year = schoolYearStarting(start);
          expect(capacityIn(rolled, year)).toEqual(capacityIn(record, year));
        }
        // Rolling again to the same year changes nothing.
        expect(rollOverTo(rolled, target)).toBeNull();
      }),
    );
  });

  it('commits and gives back days in a year other than the open one, never past what it offers', () => {
    const record = person();
    const committed = commitInOtherYear(record, Y2027, 10)!;
    expect(capacityIn(committed, Y2027).left).toBe(0);
    expect(commitInOtherYear(committed, Y2027, 1)).toBeNull();
    expect(capacityIn(committed, Y2026)).toEqual(capacityIn(record, Y2026));
    expect(mostCommittedAhead(committed)).toBe(10);
    expect(capacityIn(releaseInOtherYear(committed, Y2027, 4), Y2027).left).toBe(4);
    expect(() => commitInOtherYear(record, Y2026, 1)).toThrow(RangeError);
  });

  it("takes a need's year from its window's start, or today's when it has none or it has passed", () => {
    const today = utc(2026, 11, 29);
    expect(needSchoolYear(null, today).label).toBe('2026/27');
    expect(needSchoolYear(utc(2027, 9, 6), today).label).toBe('2027/28');
    expect(needSchoolYear(utc(2025, 6, 1), today).label).toBe('2026/27');
  });
});

describe("a school's whole-school support days", () => {
  it("property: are the same record as a person's under their own field names, in every year", () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 2015, max: 2036 }), (record, start) => {
        const school = { supportCapacityYear: record.capacityYear, supportCapacityDays: record.capacityDays, supportRemainingDays: record.remainingDays, supportOtherYears: record.otherYears };
        const mapped = supportCapacityRecordOf(school);
        expect(mapped).toEqual(record);
        expect(capacityIn(mapped, schoolYearStarting(start))).toEqual(capacityIn(record, schoolYearStarting(start)));
      }),
    );
  });

  it("takes today's year and no days for a record from before school years", () => {
    expect(supportCapacityRecordOf({}, utc(2027, 3, 1))).toEqual({ capacityYear: '2026/27', capacityDays: 0, remainingDays: 0, otherYears: {} });
  });
});

describe("a deployment's days by school year", () => {
  it('spreads a span across 31 August / 1 September by the weekdays each year holds', () => {
    // Mon 23 Aug 2027 - Fri 10 Sep 2027: 7 weekdays in 2026/27 (23-27, 30, 31 Aug), 8 in 2027/28.
    expect(deploymentDaysByYear(15, utc(2027, 8, 23), utc(2027, 9, 10), Y2026)).toEqual([
      { schoolYear: '2026/27', days: 7 },
      { schoolYear: '2027/28', days: 8 },
    ]);
    // 3 days over 7 + 8 weekdays: 1.4 and 1.6, the larger remainder takes the odd day.
    expect(deploymentDaysByYear(3, utc(2027, 8, 23), utc(2027, 9, 10), Y2026)).toEqual([
      { schoolYear: '2026/27', days: 1 },
      { schoolYear: '2027/28', days: 2 },
    ]);
  });

  it('puts every day in one year when the span lies in it, or by its one date, or the fallback', () => {
    expect(deploymentDaysByYear(5, utc(2026, 10, 1), utc(2026, 12, 1), Y2027)).toEqual([{ schoolYear: '2026/27', days: 5 }]);
    expect(deploymentDaysByYear(5, utc(2027, 10, 1), null, Y2026)).toEqual([{ schoolYear: '2027/28', days: 5 }]);
    expect(deploymentDaysByYear(5, null, null, Y2027)).toEqual([{ schoolYear: '2027/28', days: 5 }]);
  });

  it('property: the days taken across years add up to the deployment\'s days, each in a year the span touches', () => {
    const day = fc.integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2032, 0, 1) / 86_400_000 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), day, fc.integer({ min: 0, max: 900 }), (days, startDay, length) => {
        const start = new Date(startDay * 86_400_000);
        const end = new Date((startDay + length) * 86_400_000);
        const split = deploymentDaysByYear(days, start, end, Y2026);
        expect(split.reduce((sum, part) => sum + part.days, 0)).toBe(days);
        for (const part of split) {
          expect(part.days).toBeGreaterThan(0);
          expect(part.schoolYear >= schoolYearOf(start).label && part.schoolYear <= schoolYearOf(end).label).toBe(true);
        }
      }),
    );
  });
});
