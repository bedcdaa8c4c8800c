// Schools as points on a plain background from their latitude and longitude: no map tiles,
// which these machines and many school networks cannot reach. Shaded by FSM share (darker:
// more disadvantaged pupils); the hub's lead academy is a diamond. The table under it says
// the same in text.
import { FSM_BANDS, fsmBand, percent } from '../format';
import { TableScroll } from './table-scroll';

export interface MapSchool {
  id: string;
  name: string;
  latitude?: number | null;
  longitude?: number | null;
  fsmPercent?: number | null;
  /** The inspection the service goes by, as it names it (a report card or a judgement). */
  latestInspection: { label: string };
  isHubLead: boolean;
  hub?: string | null;
}

const WIDTH = 480;
const HEIGHT = 320;
const PAD = 28;

export function SchoolMap({ schools, title }: { schools: readonly MapSchool[]; title: string }) {
  const placed = schools.filter((s): s is MapSchool & { latitude: number; longitude: number } => s.latitude != null && s.longitude != null);
  const titleId = `map-${title.replace(/\W+/g, '-').toLowerCase()}`;
  if (!placed.length) return <p className="state state-empty">No school here has a recorded location to map.</p>;
  // Equirectangular, with longitude shrunk by cos(latitude) so distances look right in England.
  const midLat = (Math.min(...placed.map((s) => s.latitude)) + Math.max(...placed.map((s) => s.latitude))) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const xs = placed.map((s) => s.longitude * kx);
  const ys = placed.map((s) => s.latitude);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, (maxY - minY) * (WIDTH / HEIGHT), 0.05);
  const scale = (WIDTH - 2 * PAD) / span;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const project = (s: { latitude: number; longitude: number }) => ({
    x: WIDTH / 2 + (s.longitude * kx - cx) * scale,
    y: HEIGHT / 2 - (s.latitude - cy) * scale,
  });
  return (
    <figure className="school-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{`${title}: ${placed.length} schools by location, shaded by free school meals share; the table below lists them`}</title>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="map-background" />
        {placed.map((s) => {
          const { x, y } = project(s);
          const fill = fsmBand(s.fsmPercent).colour;
          return (
            <g key={s.id}>
              {s.isHubLead ? (
                <rect x={x - 9} y={y - 9} width="18" height="18" transform={`rotate(45 ${x} ${y})`} fill={fill} className="map-point map-lead" />
              ) : (
                <circle cx={x} cy={y} r="8" fill={fill} className="map-point" />
              )}
              <title>{`${s.name}: FSM ${percent(s.fsmPercent, 1)}${s.isHubLead ? ', lead academy' : ''}`}</title>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="map-legend" aria-label="Legend">
          {FSM_BANDS.map((band) => (
            <li key={band.label}>
              <span className="swatch" style={{ background: band.colour }} aria-hidden="true" /> FSM {band.label}
            </li>
          ))}
          <li>
            <span className="swatch swatch-lead" aria-hidden="true" /> lead academy (diamond)
          </li>
        </ul>
        <details>
          <summary>The schools on this map as a table</summary>
          <TableScroll label={`${title}, as a table`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                {schools.some((s) => s.hub) ? <th scope="col">Hub</th> : null}
                <th scope="col">FSM</th>
                <th scope="col">Inspection</th>
                <th scope="col">Lead academy</th>
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  {schools.some((x) => x.hub) ? <td>{s.hub ?? '—'}</td> : null}
                  <td>{percent(s.fsmPercent, 1)}</td>
                  <td>{s.latestInspection.label}</td>
                  <td>{s.isHubLead ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </details>
      </figcaption>
    </figure>
  );
}
