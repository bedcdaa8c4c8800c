// Deployment records: the deployments list as a table, filtered by status, area, school year
// and dates, a page at a time, and the same list as a CSV file (/exports/deployments.csv
// with the same filters, docs/exports.md). The file is fetched with the sign-in (api/download.ts,
// a JSON POST, so the session cookie counts too) and handed to the browser as a download.
import { useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { DownloadError, downloadFile } from '../api/download';
import { useSession } from '../auth/session';
import { DownloadFailure } from '../components/download-failure';
import { Empty, QueryView } from '../components/states';
import { TableScroll } from '../components/table-scroll';
import { date, label } from '../format';

const RecordsQuery = graphql(`
  query DeploymentRecords($filter: DeploymentFilter, $orderBy: DeploymentOrder, $after: String) {
    deployments(first: 25, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        node {
          id
          status
          days
          startDate
          statusSince
          need {
            id
            area
          }
          receivingAcademy {
            id
            name
          }
          staffMember {
            id
            name
          }
          supportingAcademy {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AreasQuery = graphql(`
  query RecordAreas {
    expertiseAreas {
      code
      label
    }
  }
`);
type Area = ResultOf<typeof AreasQuery>['expertiseAreas'][number]['code'];

const STATUSES = ['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED', 'DECLINED', 'CANCELLED'] as const;
type Status = (typeof STATUSES)[number];

/** The current school year and the three before it, "2026/27" style. */
function schoolYears(now = new Date()): string[] {
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return [0, 1, 2, 3].map((back) => `${start - back}/${String((start - back + 1) % 100).padStart(2, '0')}`);
}

interface Filters {
  status: Status[];
  area: string;
  schoolYear: string;
  from: string;
  to: string;
  orderBy: 'WAITING_LONGEST' | 'RECENTLY_CHANGED';
}

const EMPTY: Filters = { status: [], area: '', schoolYear: '', from: '', to: '', orderBy: 'RECENTLY_CHANGED' };

export default function DeploymentRecordsPage() {
  const session = useSession();
  const scope = session?.role === 'EXECUTIVE_HEAD' && session.clusterId ? { clusterId: session.clusterId } : session?.trustId ? { trustId: session.trustId } : {};
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const areas = useGqlQuery(AreasQuery, {}, { staleTime: Infinity });
  const set = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setPages([null]);
  };
  const filter = {
    ...scope,
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.area ? { area: filters.area as Area } : {}),
    ...(filters.schoolYear ? { schoolYear: filters.schoolYear } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };

  return (
    <div className="page">
      <h1>Deployment records</h1>
      <p className="lede">Every deployment you may see, with filters, and the same list as a spreadsheet (CSV) to download.</p>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Status</legend>
          <div className="checks">
            {STATUSES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={filters.status.includes(s)}
                  onChange={(e) => set({ status: e.target.checked ? [...filters.status, s] : filters.status.filter((x) => x !== s) })}
                />{' '}
                {label(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="toolbar filter-bar">
          <div className="field">
            <label htmlFor="records-area">Area</label>
            <select id="records-area" value={filters.area} onChange={(e) => set({ area: e.target.value })}>
              <option value="">Any area</option>
              {(areas.data?.expertiseAreas ?? []).map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="records-year">School year</label>
            <select id="records-year" value={filters.schoolYear} onChange={(e) => set({ schoolYear: e.target.value })}>
              <option value="">Any year</option>
              {schoolYears().map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="records-from">From</label>
            <input id="records-from" type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="records-to">To</label>
            <input id="records-to" type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="records-order">Order</label>
            <select id="records-order" value={filters.orderBy} onChange={(e) => set({ orderBy: e.target.value as Filters['orderBy'] })}>
              <option value="RECENTLY_CHANGED">Most recently changed first</option>
              <option value="WAITING_LONGEST">Waiting longest first</option>
            </select>
          </div>
        </div>
        <p className="hint">A deployment is dated by its start date, or by when it was proposed while it has none.</p>
      </form>
      <DownloadCsv filter={filter} orderBy={filters.orderBy} />
      {pages.map((after, i) => (
        <RecordsPage key={`${JSON.stringify(filter)}:${filters.orderBy}:${i}`} filter={filter} orderBy={filters.orderBy} after={after} first={i === 0} onMore={i === pages.length - 1 ? (cursor) => setPages((p) => [...p, cursor]) : null} />
      ))}
    </div>
  );
}

type Filter = Record<string, unknown>;

function RecordsPage({ filter, orderBy, after, first, onMore }: { filter: Filter; orderBy: Filters['orderBy']; after: string | null; first: boolean; onMore: ((cursor: string) => void) | null }) {
  const query = useGqlQuery(RecordsQuery, { filter, orderBy, after });
  return (
    <QueryView query={query} what="deployments">
      {(data) => {
        const rows = data.deployments.edges.map((e) => e.node);
        if (first && rows.length === 0) return <Empty>No deployments match these filters.</Empty>;
        return (
          <>
            <TableScroll label={first ? 'Deployments' : 'More deployments'}>
              <table>
                {first ? <caption>Deployments matching the filters</caption> : null}
                <thead>
                  <tr>
                    <th scope="col">School supported</th>
                    <th scope="col">Area</th>
                    <th scope="col">Supporter</th>
                    <th scope="col">Status</th>
                    <th scope="col">Days</th>
                    <th scope="col">Starts</th>
                    <th scope="col">In status since</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{d.receivingAcademy.name}</th>
                      <td>{label(d.need.area)}</td>
                      <td>{d.staffMember?.name ?? d.supportingAcademy?.name ?? 'not shared'}</td>
                      <td>{label(d.status)}</td>
                      <td>{d.days}</td>
                      <td>{d.startDate ? date(d.startDate) : '—'}</td>
                      <td>{date(d.statusSince)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {data.deployments.pageInfo.hasNextPage && onMore && data.deployments.pageInfo.endCursor ? (
              <p>
                <button type="button" className="button-secondary" onClick={() => onMore(data.deployments.pageInfo.endCursor!)}>
                  Show more
                </button>
              </p>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}

/** The export's parameters for the same filter (the POST's JSON body): statuses as one comma-separated value. */
export function exportParams(filter: Filter, orderBy: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) params[key] = Array.isArray(value) ? value.join(',') : String(value);
  params.orderBy = orderBy;
  return params;
}

function DownloadCsv({ filter, orderBy }: { filter: Filter; orderBy: string }) {
  const [state, setState] = useState<{ kind: 'idle' | 'working' | 'done' } | { kind: 'error'; error: DownloadError | Error }>({ kind: 'idle' });
  async function download() {
    // aria-disabled rather than disabled while working: the button keeps the keyboard focus.
    if (state.kind === 'working') return;
    setState({ kind: 'working' });
    try {
      await downloadFile({ path: '/exports/deployments.csv', body: exportParams(filter, orderBy), fallbackName: 'deployments.csv' });
      setState({ kind: 'done' });
    } catch (error) {
      setState({ kind: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return (
    <div className="download-csv">
      <div className="actions">
        <button type="button" onClick={() => void download()} aria-disabled={state.kind === 'working'}>
          {state.kind === 'working' ? 'Preparing the file…' : 'Download CSV'}
        </button>
        <p role="status" className="hint">
          {state.kind === 'done' ? 'Downloaded deployments.csv (the filters above, every page).' : ''}
        </p>
      </div>
      {state.kind === 'error' ? <DownloadFailure error={state.error} /> : null}
    </div>
  );
}
