// The hub page's whole-school support days: each member school's days this school year, and
// for those the API lets set them (the hub's executive head, the trust's improvement lead, an
// ADMIN) the same form the headteacher has, for the school picked. A school in an Ofsted
// category of concern, or closed, is marked in the table, and picked, gets the school page's
// explanation in place of the form: it lends nobody.
import { useId, useState } from 'react';
import { closedSince, concernOf, KeepsItsOwnStaff, type Lending, lendsNobody, type SupportCapacity, SupportDaysForm } from './school-support-days';
import { TableScroll } from './table-scroll';
import { Empty } from './states';

interface MemberSchool extends Lending {
  id: string;
  name: string;
  supportCapacity: SupportCapacity;
}

export function HubSupportDays({ schools, canSet }: { schools: readonly MemberSchool[]; canSet: boolean }) {
  const id = useId();
  // The first school that may lend: the form is what the picker is for.
  const [picked, setPicked] = useState((schools.find((s) => !lendsNobody(s)) ?? schools[0])?.id ?? '');
  const school = schools.find((s) => s.id === picked) ?? null;
  // The year the figures are about, as the server counts it (the same for every school).
  const schoolYear = schools[0]?.supportCapacity.schoolYear ?? null;
  return (
    <section aria-labelledby="hub-support-days-heading">
      <h2 id="hub-support-days-heading">Whole-school support days{schoolYear ? `, school year ${schoolYear}` : ''}</h2>
      <p className="hint">Days each member school offers as a whole to support other schools: offered, reserved by deployments, and left.</p>
      {schools.length === 0 ? <Empty>The hub has no member schools.</Empty> : null}
      <TableScroll label="Whole-school support days by school">
        <table>
          <caption className="visually-hidden">Whole-school support days by school</caption>
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Offered</th>
              <th scope="col">Reserved</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  <LendsNobodyNote school={s} />
                </th>
                <td>{s.supportCapacity.daysOffered}</td>
                <td>{s.supportCapacity.daysCommitted}</td>
                <td>{s.supportCapacity.daysLeft}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {canSet && school ? (
        <>
          <h3>Set a school’s support days</h3>
          <div className="field">
            <label htmlFor={`${id}-school`}>School</label>
            <select id={`${id}-school`} value={picked} onChange={(e) => setPicked(e.target.value)}>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {/* A form per school: picking another starts from that school's days. */}
          {lendsNobody(school) ? (
            <KeepsItsOwnStaff key={school.id} school={school} capacity={school.supportCapacity} canSet />
          ) : (
            <SupportDaysForm key={school.id} school={school} capacity={school.supportCapacity} />
          )}
        </>
      ) : null}
    </section>
  );
}

/** Under the school's name in the table: why it lends no days (closed first, as the server checks). */
function LendsNobodyNote({ school }: { school: Lending }) {
  const closed = closedSince(school);
  if (closed !== null) return <span className="meta table-note">Closed{closed ? ` ${closed}` : ''} (GIAS): lends no days</span>;
  const concern = concernOf(school);
  return concern ? <span className="meta table-note">Category of concern ({concern}): keeps its own staff, lends no days</span> : null;
}
