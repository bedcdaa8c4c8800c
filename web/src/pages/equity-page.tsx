// The equity ledger (docs/equity.md): for a trust or hub and a school year, the days asked
// for, received and given by band of disadvantage, and which way the delivered days flowed
// between bands, against sending each from the nearest able school. A chart, and the same
// figures as tables (for screen readers and printing).
import { useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { BandChart } from '../components/band-chart';
import { ErrorNotice, Loading, QueryView } from '../components/states';
import { TableScroll } from '../components/table-scroll';
import { date, percent } from '../format';

const ScopesQuery = graphql(`
  query EquityScopes {
    trusts(first: 50) {
      edges {
        node {
          id
          name
          clusters {
            id
            name
          }
        }
      }
    }
  }
`);

const LedgerQuery = graphql(`
  query EquityLedger($trustId: ID!, $hubId: ID, $schoolYear: String) {
    equityLedger(trustId: $trustId, hubId: $hubId, schoolYear: $schoolYear) {
      schoolYear
      banding {
        basis
        cutPoints
        computedAt
        schoolCount
      }
      bands {
        band
        label
        schools
        daysRequested
        daysReceived
        daysGiven
        daysUnderWay
        shareOfDaysRequested
        shareOfDaysReceived
      }
      daysRequested
      daysReceived
      daysGiven
      daysUnderWay
      deploymentsDelivered
      daysWithoutNearestAble
      actualFlow {
        towardsMoreDisadvantaged
        withinBand
        towardsLessDisadvantaged
        unknown
      }
      nearestAbleFlow {
        towardsMoreDisadvantaged
        withinBand
        towardsLessDisadvantaged
        unknown
      }
    }
  }
`);

type Ledger = ResultOf<typeof LedgerQuery>['equityLedger'];

function schoolYears(now = new Date()): string[] {
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return [0, 1, 2, 3].map((back) => `${start - back}/${String((start - back + 1) % 100).padStart(2, '0')}`);
}

export default function EquityPage() {
  const session = useSession();
  const scopes = useGqlQuery(ScopesQuery, {});
  const trusts = (scopes.data?.trusts.edges ?? []).map((e) => e.node).filter((t) => !session?.trustId || t.id === session.trustId);
  const defaultScope =
    session?.role === 'EXECUTIVE_HEAD' && session.clusterId && session.trustId ? `${session.trustId}:${session.clusterId}` : trusts[0] ? `${trusts[0].id}:` : '';
  const [picked, setPicked] = useState<string | null>(null);
  const [year, setYear] = useState(schoolYears()[0]!);
  const scope = picked ?? defaultScope;
  const [trustId = '', hubId = ''] = scope.split(':');

  return (
    <div className="page">
      <h1>Equity ledger</h1>
      <p className="lede">
        Where delivered support went, by how disadvantaged each school is (its share of pupils on free school meals), and whether days flowed towards the more
        disadvantaged schools more than sending help from the nearest able school would have.
      </p>
      {scopes.error ? <ErrorNotice error={scopes.error} retry={() => void scopes.refetch()} /> : null}
      {scopes.isPending ? <Loading what="trusts and hubs" /> : null}
      <form className="toolbar filter-bar" aria-label="Which ledger" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="equity-scope">Trust or hub</label>
          <select id="equity-scope" value={scope} onChange={(e) => setPicked(e.target.value)}>
            {trusts.map((t) => (
              <optgroup key={t.id} label={t.name}>
                <option value={`${t.id}:`}>The whole trust: {t.name}</option>
                {t.clusters.map((c) => (
                  <option key={c.id} value={`${t.id}:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="equity-year">School year</label>
          <select id="equity-year" value={year} onChange={(e) => setYear(e.target.value)}>
            {schoolYears().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      {trustId ? <LedgerView trustId={trustId} hubId={hubId || null} schoolYear={year} /> : null}
    </div>
  );
}

function LedgerView({ trustId, hubId, schoolYear }: { trustId: string; hubId: string | null; schoolYear: string }) {
  const ledger = useGqlQuery(LedgerQuery, { trustId, hubId, schoolYear });
  return <QueryView query={ledger} what="the equity ledger">{(data) => <LedgerFigures ledger={data.equityLedger} />}</QueryView>;
}

const bandName = (band: number | null) => (band === null ? 'Unknown' : `Band ${band}`);

function LedgerFigures({ ledger }: { ledger: Ledger }) {
  const b = ledger.banding;
  const chartData = ledger.bands.map((row) => ({ name: bandName(row.band), requested: row.shareOfDaysRequested * 100, given: row.shareOfDaysReceived * 100 }));
  const flows = [
    { name: 'Towards more disadvantaged', actual: ledger.actualFlow.towardsMoreDisadvantaged, nearest: ledger.nearestAbleFlow.towardsMoreDisadvantaged },
    { name: 'Within a band', actual: ledger.actualFlow.withinBand, nearest: ledger.nearestAbleFlow.withinBand },
    { name: 'Towards less disadvantaged', actual: ledger.actualFlow.towardsLessDisadvantaged, nearest: ledger.nearestAbleFlow.towardsLessDisadvantaged },
    { name: 'Band unknown', actual: ledger.actualFlow.unknown, nearest: ledger.nearestAbleFlow.unknown },
  ];
  return (
    <>
      <p className="meta">
        {b.basis === 'NATIONAL_QUINTILES'
          ? `Bands are national quintiles of schools' FSM share (cut at ${b.cutPoints.join('%, ')}%), computed from the school register of ${date(b.computedAt)} (${b.schoolCount} schools).`
          : `No school register has been imported, so the bands are fixed 20-point FSM bands (0–20%, 20–40%, …): not quintiles, and most schools in England fall in the lowest three.`}{' '}
        Delivered means completed; support under way is shown apart.
      </p>
      <p>
        {ledger.schoolYear}: {ledger.deploymentsDelivered} deployments delivered, {ledger.daysReceived} days received of {ledger.daysRequested} asked for;{' '}
        {ledger.daysGiven} days given by these schools; {ledger.daysUnderWay} days under way.
      </p>
      <section aria-labelledby="equity-bands-heading">
        <h2 id="equity-bands-heading">By band of disadvantage</h2>
        <BandChart bands={chartData} givenName="share of days received">
          <TableScroll label="The ledger by band, as a table">
            <table>
              <caption>Days asked for, received and given, by band (band 1 least disadvantaged, band 5 most)</caption>
              <thead>
                <tr>
                  <th scope="col">Band</th>
                  <th scope="col">Schools</th>
                  <th scope="col">Days asked</th>
                  <th scope="col">Days received</th>
                  <th scope="col">Share received</th>
                  <th scope="col">Days given</th>
                  <th scope="col">Under way</th>
                </tr>
              </thead>
              <tbody>
                {ledger.bands.map((row) => (
                  <tr key={row.band ?? 'unknown'}>
                    <th scope="row">{row.label}</th>
                    <td>{row.schools}</td>
                    <td>{row.daysRequested}</td>
                    <td>{row.daysReceived}</td>
                    <td>{percent(row.shareOfDaysReceived * 100, 1)}</td>
                    <td>{row.daysGiven}</td>
                    <td>{row.daysUnderWay}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </BandChart>
      </section>
      <section aria-labelledby="equity-flow-heading">
        <h2 id="equity-flow-heading">Which way the days flowed</h2>
        <p className="hint">
          Against the nearest able school: the same days, each deployment's from the nearest school of the trust (other than the school itself) with a current
          member of staff expert in the area.
          {ledger.daysWithoutNearestAble ? ` For ${ledger.daysWithoutNearestAble} days no able school could be found.` : ''}
        </p>
        <TableScroll label="Flow of days, as a table">
          <table>
            <caption>Delivered days by direction, as given and as the nearest able school would have given them</caption>
            <thead>
              <tr>
                <th scope="col">Direction</th>
                <th scope="col">As given</th>
                <th scope="col">Nearest able school</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => (
                <tr key={f.name}>
                  <th scope="row">{f.name}</th>
                  <td>{f.actual}</td>
                  <td>{f.nearest}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
