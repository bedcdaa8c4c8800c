// A school's whole-school support days (docs/school-year.md): offered, reserved by
// deployments and left in the current school year, next year's once days are reserved in it,
// and the form that sets them (setAcademySupportCapacity). Who may set them is the server's
// rule (the school's headteacher, its hub's executive head, its trust's improvement lead, an
// ADMIN); a refusal is shown as the server words it, at the field it names. A school in an
// Ofsted category of concern keeps its own staff, and a closed school lends nobody: no form,
// but why (by which inspection, or since when the register lists it closed), and what becomes
// of any days recorded before (docs/ofsted-inspections.md, docs/gias-import.md).
import { useId, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { date, days } from '../format';
import { parseWhole } from './number-field';
import { Empty, ErrorNotice, QueryView } from './states';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from './user-errors';

export const SupportCapacityFields = graphql(`
  fragment SupportCapacityFields on AcademySupportCapacity {
    schoolYear
    daysOffered
    daysCommitted
    daysLeft
  }
`);

export type SupportCapacity = ResultOf<typeof SupportCapacityFields>;

/** Whether the school may lend at all: closed (since when), or by which inspection the rule went. */
export const LendingFields = graphql(`
  fragment LendingFields on Academy {
    status
    closedOn
    latestInspection {
      label
      mustNotLendStaff
      mustNotLendReason
      categoryOfConcern
    }
  }
`);

export type Lending = ResultOf<typeof LendingFields>;

const SchoolSupportDaysQuery = graphql(
  `
  query SchoolSupportDays($id: ID!) {
    node(id: $id) {
      ... on Academy {
        id
        name
        ...LendingFields
        supportCapacity {
          ...SupportCapacityFields
        }
      }
    }
  }
`,
  [SupportCapacityFields, LendingFields],
);

const SchoolSupportNextYearQuery = graphql(
  `
  query SchoolSupportNextYear($id: ID!, $schoolYear: String!) {
    node(id: $id) {
      ... on Academy {
        id
        supportCapacity(schoolYear: $schoolYear) {
          ...SupportCapacityFields
        }
      }
    }
  }
`,
  [SupportCapacityFields],
);

const SetSchoolSupportDaysMutation = graphql(
  `
  mutation SetSchoolSupportDays($input: SetAcademySupportCapacityInput!) {
    setAcademySupportCapacity(input: $input) {
      academy {
        id
        supportCapacity {
          ...SupportCapacityFields
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [SupportCapacityFields],
);

/** Screens showing a school's whole-school days (or ranking schools on them), refetched after a change. */
const SUPPORT_DAYS_SCREENS = ['SchoolSupportDays', 'SchoolSupportNextYear', 'HubPage', 'NeedPage', 'NeedRanking'];

/** "2026/27" -> "2027/28": the year after a school year the server named. */
export function nextSchoolYear(label: string): string | null {
  const match = /^(\d{4})\/\d{2}$/.exec(label);
  if (!match) return null;
  const start = Number(match[1]) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Offered, reserved and left in one school year, as a row of figures. */
export function SupportDaysFigures({ capacity }: { capacity: SupportCapacity }) {
  return (
    <dl className="stats">
      <div>
        <dt>Days offered</dt>
        <dd>{capacity.daysOffered}</dd>
      </div>
      <div>
        <dt>Days reserved</dt>
        <dd>{capacity.daysCommitted}</dd>
      </div>
      <div>
        <dt>Days left</dt>
        <dd>{capacity.daysLeft}</dd>
      </div>
    </dl>
  );
}

/** The school page's panel: this year's days, next year's once reserved into, and the form. */
export function SchoolSupportDays({ academyId, canSet }: { academyId: string; canSet: boolean }) {
  const query = useGqlQuery(SchoolSupportDaysQuery, { id: academyId });
  return (
    <section aria-labelledby="support-days-heading">
      <h2 id="support-days-heading">Whole-school support days</h2>
      <p className="hint">
        Days the school as a whole offers to support other schools (school-to-school support the school leads, not one person), by school year (1
        September to 31 August): offered, reserved by deployments, and left.
      </p>
      <QueryView query={query} what="the school’s support days">
        {(data) => {
          const school = data.node && 'supportCapacity' in data.node ? data.node : null;
          if (!school) return <Empty>The school is not on record.</Empty>;
          const now = school.supportCapacity;
          if (lendsNobody(school)) {
            const recorded = now.daysOffered > 0 || now.daysCommitted > 0;
            return (
              <>
                <KeepsItsOwnStaff school={school} capacity={now} canSet={canSet} />
                {recorded ? (
                  <>
                    <h3>This school year, {now.schoolYear}</h3>
                    <SupportDaysFigures capacity={now} />
                  </>
                ) : null}
                <NextYearDays academyId={school.id} thisYear={now.schoolYear} />
              </>
            );
          }
          return (
            <>
              <h3>This school year, {now.schoolYear}</h3>
              <SupportDaysFigures capacity={now} />
              <NextYearDays academyId={school.id} thisYear={now.schoolYear} />
              {canSet ? <SupportDaysForm school={{ id: school.id, name: school.name }} capacity={now} /> : null}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

/** "judged Inadequate; Ofsted judgement, 1 May 2019": why the school is in a category of concern, by which inspection, as the server's refusals word it. */
export function concernOf(school: Lending): string | null {
  const latest = school.latestInspection;
  return latest.mustNotLendStaff ? (latest.categoryOfConcern ?? latest.mustNotLendReason ?? 'category of concern') : null;
}

/** "from 31 Aug 2019" for a closed school ("" when the register gives no date); null while open. */
export function closedSince(school: Lending): string | null {
  if (school.status !== 'CLOSED') return null;
  return school.closedOn ? `from ${date(school.closedOn)}` : '';
}

/** Closed, or in a category of concern: the school lends nobody, so it gets no form (the server refuses more days). */
export function lendsNobody(school: Lending): boolean {
  return school.status === 'CLOSED' || school.latestInspection.mustNotLendStaff;
}

/**
 * In place of the form for a school that lends nobody (in a category of concern, or closed):
 * why it offers no days, and what becomes of days recorded before, as the server treats them:
 * kept as they are (the inspection or the closure changes no figure), reserved days staying
 * with their deployments, the rest offered to no school until a later inspection takes it out
 * of the category (or the register lists it open again); more days are refused
 * (CATEGORY_OF_CONCERN, ACADEMY_CLOSED).
 */
export function KeepsItsOwnStaff({
  school,
  capacity,
  canSet,
}: {
  school: Lending & { id: string; name: string };
  capacity: SupportCapacity;
  canSet: boolean;
}) {
  const reserved = capacity.daysCommitted;
  const left = capacity.daysLeft;
  const closed = closedSince(school);
  const until = closed !== null ? 'only if the register lists the school as open again' : 'only once a later inspection takes the school out of the category';
  return (
    <div className="notice notice-warning" role="note" aria-label={`Why ${school.name} offers no support days`}>
      <p className="notice-title">{school.name} offers no whole-school support days</p>
      {closed !== null ? (
        <p>
          It has closed (the register, GIAS, lists it as closed{closed ? ` ${closed}` : ''}), so it lends no staff: the service offers it to no
          other school, no deployment can be proposed from it, and no days can be added.
        </p>
      ) : (
        <p>
          It is in an Ofsted category of concern ({concernOf(school)}), so it keeps its own staff: the service offers it to no other school, no
          deployment can be proposed from it, and no days can be added while that is its latest inspection.
        </p>
      )}
      {capacity.daysOffered === 0 && reserved === 0 ? (
        <p>No days are recorded for it in {capacity.schoolYear}.</p>
      ) : (
        <p>
          Days recorded before stay on record as they are.
          {reserved > 0 ? ` The ${days(reserved)} deployments reserved ${reserved === 1 ? 'stays' : 'stay'} with those deployments.` : ''}
          {left > 0
            ? ` The ${days(left)} left ${left === 1 ? 'is' : 'are'} offered to no school; ${left === 1 ? 'it counts' : 'they count'} again ${until}.`
            : ''}
        </p>
      )}
      {canSet ? <WithdrawDaysLeft school={school} capacity={capacity} /> : null}
    </div>
  );
}

/**
 * Lowering is the one change the server allows a school in a category of concern: this takes
 * the offer down to the days already reserved, after a confirmation (the days cannot be
 * offered again while the school stays in the category). The server keeps its own rule about
 * days reserved in a later year, and its refusal is shown in its words.
 */
function WithdrawDaysLeft({ school, capacity }: { school: Lending & { id: string; name: string }; capacity: SupportCapacity }) {
  const [confirming, setConfirming] = useState(false);
  const save = useGqlMutation(SetSchoolSupportDaysMutation, SUPPORT_DAYS_SCREENS);
  const payload = save.data?.setAcademySupportCapacity;
  const errors = payload?.userErrors ?? [];
  const saved = payload?.academy && !errors.length ? payload.academy.supportCapacity : null;
  // Stays mounted once the days are withdrawn (none left), to say so.
  if (capacity.daysLeft === 0 && !saved && !errors.length) return null;
  return (
    <>
      {saved ? (
        <p className="notice notice-success" role="status">
          Withdrawn: {school.name} now offers {days(saved.daysOffered)} in {saved.schoolYear}, {days(saved.daysLeft)} left.
        </p>
      ) : null}
      <FormErrors errors={errors} />
      {save.error ? <ErrorNotice error={save.error} /> : null}
      {capacity.daysLeft > 0 ? (
        <p>
          <button type="button" className="button-secondary" disabled={save.isPending} onClick={() => setConfirming(true)}>
            {save.isPending ? 'Withdrawing…' : `Withdraw the ${days(capacity.daysLeft)} left`}
          </button>
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Withdraw ${days(capacity.daysLeft)} from ${school.name}’s offer?`}
        confirmLabel="Withdraw them"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          save.mutate({ input: { academyId: school.id, supportCapacityDays: capacity.daysCommitted } });
        }}
      >
        <p>
          It then offers only the {days(capacity.daysCommitted)} deployments have reserved in {capacity.schoolYear}.{' '}
          {closedSince(school) !== null ? 'While it is closed it cannot offer days again.' : 'While it is in a category of concern it cannot offer days again.'}
        </p>
      </ConfirmDialog>
    </>
  );
}

/**
 * Next school year's figures, once deployments have reserved days in it; until then they are
 * only the standing offer, which this year's "offered" already says.
 */
function NextYearDays({ academyId, thisYear }: { academyId: string; thisYear: string }) {
  const schoolYear = nextSchoolYear(thisYear);
  const query = useGqlQuery(SchoolSupportNextYearQuery, { id: academyId, schoolYear: schoolYear ?? '' }, { enabled: !!schoolYear });
  if (!schoolYear) return null;
  return (
    <QueryView query={query} what={`the days of ${schoolYear}`}>
      {(data) => {
        const next = data.node && 'supportCapacity' in data.node ? data.node.supportCapacity : null;
        if (!next || next.daysCommitted === 0) return null;
        return (
          <>
            <h3>Next school year, {next.schoolYear}</h3>
            <p className="hint">Deployments have already reserved days in it; it starts with the standing offer.</p>
            <SupportDaysFigures capacity={next} />
          </>
        );
      }}
    </QueryView>
  );
}

/**
 * Sets the days a school offers this school year, which are also its standing offer for later
 * years (the API sets no other year). Only "is it a number" is checked here; every rule about
 * the value (0 to 1000, not below the days already reserved) is the server's.
 */
export function SupportDaysForm({ school, capacity }: { school: { id: string; name: string }; capacity: SupportCapacity }) {
  const id = useId();
  const [text, setText] = useState(String(capacity.daysOffered));
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const save = useGqlMutation(SetSchoolSupportDaysMutation, SUPPORT_DAYS_SCREENS);
  const payload = save.data?.setAcademySupportCapacity;
  const errors = localErrors.length ? localErrors : (payload?.userErrors ?? []);
  const saved = payload?.academy && !errors.length ? payload.academy.supportCapacity : null;
  const messages = errorsAt(errors, 'supportCapacityDays');
  const inputId = `${id}-days`;
  const describedBy = [`${inputId}-hint`, messages.length ? `${inputId}-error` : null].filter(Boolean).join(' ');

  function submit() {
    const parsed = parseWhole(text);
    if (!parsed.ok) {
      setLocalErrors([{ field: ['supportCapacityDays'], message: parsed.message, code: 'NOT_A_NUMBER' }]);
      return;
    }
    setLocalErrors([]);
    save.mutate({ input: { academyId: school.id, supportCapacityDays: parsed.value! } });
  }

  return (
    <form
      className="form-card"
      noValidate
      aria-label={`Support days of ${school.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {saved ? (
        <p className="notice notice-success" role="status">
          Saved: {school.name} offers {days(saved.daysOffered)} in {saved.schoolYear}, {days(saved.daysLeft)} left.
        </p>
      ) : null}
      <FormErrors errors={otherErrors(errors, ['supportCapacityDays'])} />
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <div className="field">
        <label htmlFor={inputId}>Days {school.name} offers in {capacity.schoolYear}</label>
        <input
          id={inputId}
          inputMode="numeric"
          autoComplete="off"
          size={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={describedBy}
        />
        <span id={`${inputId}-hint`} className="hint">
          Whole days, 0 to stop offering; also the standing offer for later school years. Not below the days deployments have already reserved
          ({days(capacity.daysCommitted)} this year).
        </span>
        <FieldError id={`${inputId}-error`} messages={messages} />
      </div>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save the support days'}
      </button>
    </form>
  );
}
