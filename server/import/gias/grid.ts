// British National Grid (OSGB36, EPSG:27700) eastings and northings to WGS84 latitude and
// longitude, with proj4. The 7-parameter Helmert shift in the definition (the EPSG
// registry's, as published by epsg.io) is good to about 5 m: ample for travel distances.
import proj4 from 'proj4';

const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs +type=crs';
proj4.defs('EPSG:27700', BRITISH_NATIONAL_GRID);
const converter = proj4('EPSG:27700', 'WGS84');

/** Grid bounds of Great Britain: anything outside is not a grid reference. */
export const GRID_BOUNDS = { maxEasting: 700_000, maxNorthing: 1_300_000 } as const;

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** Rounded to 6 decimal places (about 0.1 m), so a re-import compares equal. */
export function gridToLatLng(easting: number, northing: number): LatLng {
  const [longitude, latitude] = converter.forward([easting, northing]) as [number, number];
  return { latitude: round6(latitude), longitude: round6(longitude) };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
