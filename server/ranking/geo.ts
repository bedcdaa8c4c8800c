// Great-circle distance. Computed in the service rather than by the database, so it works
// the same on MongoDB and FerretDB (no geospatial operators).
import type { AcademyProfile, GeoPoint } from './types';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Haversine distance in km between two points given in decimal degrees. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push h a hair outside [0, 1] for antipodal points; asin would give NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, Math.max(0, h))));
}

/** A usable point: both coordinates finite and in range; anything else counts as unknown. */
export function isKnownPoint(p: GeoPoint | null | undefined): p is GeoPoint {
  return (
    !!p &&
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}

/** Distance between two academies, or null when either location is unknown. */
export function academyDistanceKm(
  a: Pick<AcademyProfile, 'location'>,
  b: Pick<AcademyProfile, 'location'>,
): number | null {
  return isKnownPoint(a.location) && isKnownPoint(b.location) ? haversineKm(a.location, b.location) : null;
}
