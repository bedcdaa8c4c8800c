import fc from 'fast-check';
import { EARTH_RADIUS_KM, academyDistanceKm, haversineKm } from '../../../server/ranking';
import { arbPoint } from './arbitraries';
import { academy } from './fixtures';

// One degree of arc along a great circle is 2*pi*R/360 = 111.195 km for R = 6371.0088 km.
const ONE_DEGREE_KM = 111.19508;

describe('haversineKm', () => {
  it('is zero for the same point', () => {
    expect(haversineKm({ latitude: 52.2, longitude: -1.5 }, { latitude: 52.2, longitude: -1.5 })).toBe(0);
  });

  it('measures one degree of latitude along a meridian as 111.195 km', () => {
    expect(haversineKm({ latitude: 51.5, longitude: -1 }, { latitude: 52.5, longitude: -1 })).toBeCloseTo(ONE_DEGREE_KM, 4);
  });

  it('measures one degree of longitude on the equator as 111.195 km', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(ONE_DEGREE_KM, 4);
  });

  it('shrinks a degree of longitude by cos(latitude): at 60 degrees north it is half', () => {
    // At 60N, 1 degree of longitude along the parallel is ~55.6 km; the great circle is a
    // hair shorter than the parallel.
    const d = haversineKm({ latitude: 60, longitude: 0 }, { latitude: 60, longitude: 1 });
    expect(d).toBeLessThanOrEqual(ONE_DEGREE_KM / 2);
    expect(d).toBeGreaterThan(ONE_DEGREE_KM / 2 - 0.01);
  });

  it('gives half the circumference (pi * R) between antipodes, without NaN', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(haversineKm({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });

  it('is symmetric, non-negative and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(arbPoint, arbPoint, arbPoint, (a, b, c) => {
        const ab = haversineKm(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - haversineKm(b, a))).toBeLessThan(1e-9);
        expect(ab).toBeLessThanOrEqual(haversineKm(a, c) + haversineKm(c, b) + 1e-9);
      }),
    );
  });
});

describe('academyDistanceKm', () => {
  it('is null when either location is unknown or not a usable number', () => {
    expect(academyDistanceKm(academy({ location: null }), academy())).toBeNull();
    expect(academyDistanceKm(academy(), academy({ location: null }))).toBeNull();
    expect(academyDistanceKm(academy({ location: { latitude: Number.NaN, longitude: 0 } }), academy())).toBeNull();
    expect(academyDistanceKm(academy({ location: { latitude: 95, longitude: 0 } }), academy())).toBeNull();
  });

  it('measures between known locations', () => {
    const a = academy({ location: { latitude: 52, longitude: -1 } });
    const b = academy({ location: { latitude: 53, longitude: -1 } });
    expect(academyDistanceKm(a, b)).toBeCloseTo(ONE_DEGREE_KM, 4);
  });
});
