// Editing a staff profile within the rules: a person changes their own name, email, days,
// travel radius and expertise; their post, designations and safeguarding check are their
// school's to change. The server enforces this; the page offers only what the person may
// change, and shows each server message at its field. Typed input survives a reload or an
// expired sign-in (useDraft).
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { ProfileFields, ProfileQuery } from '../api/staff';
import { useSession } from '../auth/session';
import { AvailabilityFields, availabilityFieldPaths, dayOf, type WindowDraft } from '../components/availability-fields';
import { useDraft } from '../components/drafts';
import { Empty, ErrorNotice, QueryView } from '../components/states';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from '../components/user-errors';
import { date, label } from '../format';

const UpdateMutation = graphql(
  `
  mutation UpdateMyProfile($input: UpdateStaffMemberInput!) {
    updateStaffMember(input: $input) {
      staffMember {
        ...ProfileFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [ProfileFields],
);

type Profile = Extract<NonNullable<ResultOf<typeof ProfileQuery>['node']>, { expertise: unknown }>;
type Areas = ResultOf<typeof ProfileQuery>['expertiseAreas'];

const LEVELS = ['DEVELOPING', 'SECURE', 'EXPERT', 'SYSTEM_LEADER'] as const;
const PHASES = ['NURSERY', 'PRIMARY', 'MIDDLE', 'SECONDARY', 'SIXTEEN_PLUS', 'ALL_THROUGH', 'SPECIAL', 'ALTERNATIVE_PROVISION'] as const;

interface ExpertiseDraft {
  area: string;
  level: string;
  phases: string[];
  evidence: string;
}
interface ProfileDraft {
  name: string;
  email: string;
  capacityDays: string;
  maxTravelKm: string;
  expertise: ExpertiseDraft[];
  availability: WindowDraft[];
}

export default function EditProfilePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const profile = useGqlQuery(ProfileQuery, { id });
  if (session?.role === 'TEACHER' && session.staffId !== id) {
    return (
      <div className="page page-narrow">
        <h1>You can change only your own profile</h1>
        <p>This is someone else's profile. Their headteacher or the trust's improvement lead keeps it up to date.</p>
        <p>
          <Link to={session.staffId ? `/staff/${encodeURIComponent(session.staffId)}/edit` : '/me'}>Edit your own profile</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <QueryView query={profile} what="the profile">
        {(data) => {
          const p = data.node && 'expertise' in data.node ? data.node : null;
          if (!p) return <Empty>No staff member has this address.</Empty>;
          return <ProfileForm profile={p} areas={data.expertiseAreas} own={session?.staffId === p.id} />;
        }}
      </QueryView>
    </div>
  );
}

function toDraft(p: Profile): ProfileDraft {
  return {
    name: p.name,
    email: p.email ?? '',
    capacityDays: String(p.capacityDays),
    maxTravelKm: p.maxTravelKm == null ? '' : String(p.maxTravelKm),
    expertise: p.expertise.map((e) => ({ area: e.area, level: e.level, phases: [...e.phases], evidence: e.evidence ?? '' })),
    availability: (p.availability ?? []).map((w) => ({ from: dayOf(w.from), to: dayOf(w.to) })),
  };
}

/** A number field as typed: blank is null, anything else is sent as a number for the server to judge. */
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

function ProfileForm({ profile, areas, own }: { profile: Profile; areas: Areas; own: boolean }) {
  const formId = useId();
  const [draft, setDraft, clearDraft] = useDraft<ProfileDraft>(`profile:${profile.id}`, toDraft(profile));
  const save = useGqlMutation(UpdateMutation, ['StaffProfile', 'WhereCouldIHelp']);
  const result = save.data?.updateStaffMember;
  const errors: UserErrorLike[] = result?.userErrors ?? [];
  const saved = !!result?.staffMember && errors.length === 0 && !save.isPending;
  // A draft saved before this section existed has no availability: start from the profile's.
  const windows = draft.availability ?? toDraft(profile).availability;
  const shown = [...availabilityFieldPaths(windows), 'name', 'email', 'capacityDays', 'maxTravelKm', ...draft.expertise.flatMap((_, i) => ['area', 'level', 'phases', 'evidence'].map((f) => `expertise.${i}.${f}`)), 'expertise'];

  const text = (field: keyof Omit<ProfileDraft, 'expertise' | 'availability'>, title: string, hint?: string, inputMode?: 'numeric' | 'decimal' | 'email') => {
    const messages = errorsAt(errors, field);
    const fieldId = `${formId}-${field}`;
    return (
      <div className="field">
        <label htmlFor={fieldId}>{title}</label>
        {hint ? <p className="hint" id={`${fieldId}-hint`}>{hint}</p> : null}
        <input
          id={fieldId}
          name={field}
          value={draft[field]}
          inputMode={inputMode === 'email' ? 'email' : inputMode}
          type={inputMode === 'email' ? 'email' : 'text'}
          onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={[hint ? `${fieldId}-hint` : '', messages.length ? `${fieldId}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        <FieldError id={`${fieldId}-error`} messages={messages} />
      </div>
    );
  };

  const setEntry = (index: number, change: Partial<ExpertiseDraft>) =>
    setDraft((d) => ({ ...d, expertise: d.expertise.map((e, i) => (i === index ? { ...e, ...change } : e)) }));

  return (
    <form
      className="form-card"
      noValidate
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            input: {
              id: profile.id,
              name: draft.name,
              email: draft.email,
              capacityDays: numberOrNull(draft.capacityDays) as number,
              maxTravelKm: numberOrNull(draft.maxTravelKm),
              expertise: draft.expertise.map((x) => ({
                area: x.area as Profile['expertise'][number]['area'],
                level: x.level as Profile['expertise'][number]['level'],
                phases: x.phases as Profile['expertise'][number]['phases'],
                evidence: x.evidence.trim() || null,
              })),
              availability: windows.map((w) => ({ from: w.from, to: w.to })),
            },
          },
          {
            onSuccess: (data) => {
              // The form then shows the profile as saved, not as it was when the page opened.
              const stored = data.updateStaffMember.staffMember;
              if (stored && !data.updateStaffMember.userErrors.length) clearDraft(toDraft(stored));
            },
          },
        );
      }}
    >
      <h1 id={`${formId}-title`}>{own ? 'Edit my profile' : `Edit ${profile.name}'s profile`}</h1>
      <p className="hint">
        {label(profile.role)} at {profile.homeAcademy.name}. Designations ({profile.designations.join(', ') || 'none'}), post and safeguarding check
        ({profile.safeguardingCheckExpiresOn ? `until ${date(profile.safeguardingCheckExpiresOn)}` : 'none recorded'}) are kept by the school.
      </p>
      {saved ? (
        <p className="notice notice-success" role="status">
          Saved. Rankings use your new profile straight away.
        </p>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <FormErrors errors={otherErrors(errors, shown)} />
      {text('name', 'Name')}
      {text('email', 'Work email', undefined, 'email')}
      {text('capacityDays', 'Days you can offer this year', 'Whole days, including those already promised.', 'numeric')}
      {text('maxTravelKm', 'Furthest you will travel (km)', 'Leave blank for any distance.', 'decimal')}
      <fieldset>
        <legend>Expertise</legend>
        <FieldError id={`${formId}-expertise-error`} messages={errorsAt(errors, 'expertise')} />
        {draft.expertise.length === 0 ? <p className="hint">No expertise yet. Add the areas you could support others in.</p> : null}
        {draft.expertise.map((entry, i) => {
          const at = (f: string) => errorsAt(errors, `expertise.${i}.${f}`);
          const base = `${formId}-x${i}`;
          return (
            <fieldset key={i} className="expertise-entry">
              <legend>Area {i + 1}</legend>
              <div className="expertise-row">
                <div className="field">
                  <label htmlFor={`${base}-area`}>Area</label>
                  <select id={`${base}-area`} value={entry.area} onChange={(e) => setEntry(i, { area: e.target.value })} aria-invalid={at('area').length ? true : undefined}>
                    {areas.map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`${base}-area-error`} messages={at('area')} />
                </div>
                <div className="field">
                  <label htmlFor={`${base}-level`}>Level</label>
                  <select id={`${base}-level`} value={entry.level} onChange={(e) => setEntry(i, { level: e.target.value })}>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {label(l)}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`${base}-level-error`} messages={at('level')} />
                </div>
              </div>
              <fieldset>
                <legend>Phases</legend>
                <div className="checks">
                  {PHASES.map((phase) => (
                    <label key={phase}>
                      <input
                        type="checkbox"
                        checked={entry.phases.includes(phase)}
                        onChange={(e) =>
                          setEntry(i, { phases: e.target.checked ? [...entry.phases, phase] : entry.phases.filter((x) => x !== phase) })
                        }
                      />{' '}
                      {label(phase)}
                    </label>
                  ))}
                </div>
                <FieldError id={`${base}-phases-error`} messages={at('phases')} />
              </fieldset>
              <div className="field">
                <label htmlFor={`${base}-evidence`}>Evidence</label>
                <textarea
                  id={`${base}-evidence`}
                  value={entry.evidence}
                  onChange={(e) => setEntry(i, { evidence: e.target.value })}
                  aria-invalid={at('evidence').length ? true : undefined}
                  aria-describedby={at('evidence').length ? `${base}-evidence-error` : undefined}
                />
                <FieldError id={`${base}-evidence-error`} messages={at('evidence')} />
              </div>
              <button type="button" className="button-danger" onClick={() => setDraft((d) => ({ ...d, expertise: d.expertise.filter((_, j) => j !== i) }))}>
                Remove area {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            setDraft((d) => ({ ...d, expertise: [...d.expertise, { area: areas[0]?.code ?? 'MATHS', level: 'SECURE', phases: [], evidence: '' }] }))
          }
        >
          Add an area of expertise
        </button>
      </fieldset>
      <AvailabilityFields idBase={`${formId}-availability`} windows={windows} errors={errors} onChange={(next) => setDraft((d) => ({ ...d, availability: next }))} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save my profile'}
        </button>
        <button type="button" className="button-secondary" onClick={() => { clearDraft(); setDraft(toDraft(profile)); save.reset(); }}>
          Undo my changes
        </button>
      </div>
    </form>
  );
}
