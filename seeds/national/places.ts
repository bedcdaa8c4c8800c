// Where a school sits: a point and postcode around its town, and a key that keeps
// neighbours together when schools are sorted (trusts are cut from that order).
import type { Prng } from '../prng';
import { round } from './numbers';
import type { Town } from './towns';

const KM_PER_DEG_LAT = 111.32;
const toRad = (d: number) => (d * Math.PI) / 180;

/** In a bearing range [from, to] (clockwise, wrapping through north). */
const inSector = (bearing: number, [from, to]: readonly [number, number]): boolean =>
  from <= to ? bearing >= from && bearing <= to : bearing >= from || bearing <= to;

/** A point around a town: most within the built-up area, some in the villages around it. */
export function placeNear(rng: Prng, town: Town): { lat: number; lng: number; rural: boolean } {
  const urbanRadius = Math.max(1.5, 0.6 * Math.sqrt(town.pop / 10)); // km: London ~18, Truro ~1.5
  const rural = town.pop < 500 && rng.chance(0.35);
  let bearing = rng.float(0, 360);
  if (rural && town.sea && inSector(bearing, town.sea)) {
    // Turn the village inland: reflect the bearing to the opposite side.
    bearing = (bearing + 180) % 360;
  }
  const distance = rural ? rng.float(4, 16) : urbanRadius * Math.sqrt(rng.next());
  const dLat = (distance * Math.cos(toRad(bearing))) / KM_PER_DEG_LAT;
  const dLng = (distance * Math.sin(toRad(bearing))) / (KM_PER_DEG_LAT * Math.cos(toRad(town.lat)));
  return { lat: round(town.lat + dLat, 5), lng: round(town.lng + dLng, 5), rural };
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split(''); // inward-code letters exclude C I K M O V
export function postcodeFor(rng: Prng, town: Town): string {
  const [area, lo, hi] = rng.pick(town.postcodes);
  return `${area}${rng.int(lo, hi)} ${rng.int(1, 9)}${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
}

/** Hilbert index of a point on a 1024 x 1024 grid over England: close indexes are close in space. */
export function hilbertKey(lat: number, lng: number): number {
  const n = 1024;
  let x = Math.min(n - 1, Math.max(0, Math.floor(((lng + 6) / 8) * n)));
  let y = Math.min(n - 1, Math.max(0, Math.floor(((lat - 49.8) / 6) * n)));
  let d = 0;
  for (let s = n >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const tmp = x;
      x = y;
      y = tmp;
    }
  }
  return d;
}
