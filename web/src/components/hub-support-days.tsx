// The hub page's whole-school support days: each member school's days this school year, and
// for those the API lets set them (the hub's executive head, the trust's improvement lead, an
// ADMIN) the same form the headteacher has, for the school picked. A school in an Ofsted
// category of concern is marked in the table, and picked, gets the school page's explanation
// in place of the form: it keeps its own staff.
import { useId, useState } from 'react';
import { concernOf, KeepsItsOwnStaff, type Lending, type SupportCapacity, SupportDaysForm } from './school-support-days';
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
  const [picked, setPicked] = useState((schools.find((s) => !s.latestInspection.mustNotLendStaff) ?? schools[0])?.id ?? '');
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
                  {concernOf(s) ? <span className="meta table-note">Category of concern ({concernOf(s)}): keeps its own staff, lends no days</span> : null}
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
          {school.latestInspection.mustNotLendStaff ? (
            <KeepsItsOwnStaff key={school.id} school={school} capacity={school.supportCapacity} canSet />
          ) : (
            <SupportDaysForm key={school.id} school={school} capacity={school.supportCapacity} />
          )}
        </>
      ) : null}
    </section>
  );
}
