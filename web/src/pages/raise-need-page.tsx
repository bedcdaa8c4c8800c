// A headteacher raises a need for their school. Every rule (description long enough, days in
// range, dates in order) is checked by the server; its messages appear at the field they
// name and nothing is written. Typed input survives an expired sign-in or a reload.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { useDraft } from '../components/drafts';
import { parseWhole } from '../components/number-field';
import { ErrorNotice, Loading } from '../components/states';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from '../components/user-errors';
import { label } from '../format';

const AreasQuery = graphql(`
  query RaiseNeedOptions {
    expertiseAreas {
      code
      label
      group
    }
  }
`);

const RaiseNeedMutation = graphql(`
  mutation RaiseNeed($input: RaiseNeedInput!) {
    raiseNeed(input: $input) {
      need {
        id
        area
        priority
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const PHASES = ['PRIMARY', 'SECONDARY', 'NURSERY', 'MIDDLE', 'ALL_THROUGH', 'SIXTEEN_PLUS', 'SPECIAL', 'ALTERNATIVE_PROVISION'] as const;
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
type Phase = (typeof PHASES)[number];
type Severity = (typeof SEVERITIES)[number];

interface NeedDraft {
  area: string;
  phase: Phase;
  severity: Severity;
  description: string;
  daysRequested: string;
  windowStart: string;
  windowEnd: string;
}

const EMPTY: NeedDraft = { area: '', phase: 'PRIMARY', severity: 'MEDIUM', description: '', daysRequested: '', windowStart: '', windowEnd: '' };
const FIELDS = ['area', 'phase', 'severity', 'description', 'daysRequested', 'windowStart', 'windowEnd'] as const;

export default function RaiseNeedPage() {
  const session = useSession();
  const formId = useId();
  const areas = useGqlQuery(AreasQuery, {}, { staleTime: Infinity });
  const [draft, setDraft, clearDraft] = useDraft<NeedDraft>(`raise-need:${session?.academyId ?? ''}`, EMPTY);
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const raise = useGqlMutation(RaiseNeedMutation, ['SchoolPage', 'LeadHome']);
  const [raised, setRaised] = useState<{ id: string; area: string } | null>(null);
  const serverErrors = raise.data?.raiseNeed.userErrors ?? [];
  const errors = localErrors.length ? localErrors : serverErrors;

  function field(name: (typeof FIELDS)[number], title: string, control: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode, hint?: string) {
    const messages = errorsAt(errors, name);
    const id = `${formId}-${name}`;
    const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>{title}</label>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {control({ id, ...(messages.length ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
        <FieldError id={`${id}-error`} messages={messages} />
      </div>
    );
  }

  function submit() {
    setRaised(null);
    // Only what cannot be sent at all is caught here (no area chosen, days that are no
    // number); the server judges everything else.
    const daysRequested = parseWhole(draft.daysRequested);
    const local: UserErrorLike[] = [];
    if (!draft.area) local.push({ field: ['area'], message: 'Choose the area the school needs help with.', code: 'REQUIRED' });
    if (!daysRequested.ok) local.push({ field: ['daysRequested'], message: daysRequested.message, code: 'NOT_A_NUMBER' });
    if (local.length || !daysRequested.ok) {
      setLocalErrors(local);
      return;
    }
    setLocalErrors([]);
    raise.mutate(
      {
        input: {
          academyId: session?.academyId ?? '',
          area: draft.area as 'MATHS',
          phase: draft.phase,
          severity: draft.severity,
          description: draft.description,
          daysRequested: daysRequested.value ?? 0,
          windowStart: draft.windowStart || null,
          windowEnd: draft.windowEnd || null,
        },
      },
      {
        onSuccess: (data) => {
          if (data.raiseNeed.need) {
            setRaised(data.raiseNeed.need);
            clearDraft();
          }
        },
      },
    );
  }

  if (areas.isPending) return <Loading what="the form" />;
  if (areas.error) return <ErrorNotice error={areas.error} retry={() => void areas.refetch()} />;
  const areaOptions = areas.data.expertiseAreas;
  return (
    <div className="page page-narrow">
      <h1>Raise a need</h1>
      <p className="lede">Say what your school needs help with. The trust's improvement lead sees it at once, ranked by urgency.</p>
      {raised ? (
        <div className="notice notice-success" role="status">
          <p className="notice-title">Need raised: {label(raised.area)}.</p>
          <p>
            <Link to="/school">See your school's needs</Link>
          </p>
        </div>
      ) : null}
      {raise.error ? <ErrorNotice error={raise.error} /> : null}
      <form
        className="form-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <FormErrors errors={otherErrors(errors, [...FIELDS])} />
        {field('area', 'Area', (p) => (
          <select {...p} value={draft.area} onChange={(e) => setDraft((d) => ({ ...d, area: e.target.value }))}>
            <option value="">Choose an area</option>
            {areaOptions.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </select>
        ))}
        {field('phase', 'Phase', (p) => (
          <select {...p} value={draft.phase} onChange={(e) => setDraft((d) => ({ ...d, phase: e.target.value as Phase }))}>
            {PHASES.map((x) => (
              <option key={x} value={x}>
                {label(x)}
              </option>
            ))}
          </select>
        ))}
        {field('severity', 'How serious', (p) => (
          <select {...p} value={draft.severity} onChange={(e) => setDraft((d) => ({ ...d, severity: e.target.value as Severity }))}>
            {SEVERITIES.map((x) => (
              <option key={x} value={x}>
                {label(x)}
              </option>
            ))}
          </select>
        ))}
        {field(
          'description',
          'What is needed',
          (p) => <textarea {...p} value={draft.description} onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))} />,
          'What the problem is and what good support would change.',
        )}
        {field(
          'daysRequested',
          'Days of support wanted',
          (p) => <input {...p} inputMode="numeric" value={draft.daysRequested} onChange={(e) => setDraft((d) => ({ ...d, daysRequested: e.target.value }))} />,
        )}
        {field('windowStart', 'From (optional)', (p) => (
          <input {...p} type="date" value={draft.windowStart} onChange={(e) => setDraft((d) => ({ ...d, windowStart: e.target.value }))} />
        ))}
        {field('windowEnd', 'Until (optional)', (p) => (
          <input {...p} type="date" value={draft.windowEnd} onChange={(e) => setDraft((d) => ({ ...d, windowEnd: e.target.value }))} />
        ))}
        <div className="actions">
          <button type="submit" disabled={raise.isPending}>
            {raise.isPending ? 'Sending…' : 'Raise this need'}
          </button>
        </div>
      </form>
    </div>
  );
}
