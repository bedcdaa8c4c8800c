// A trust's day rates, cover day rate and who pays (docs/cost-and-cover.md): read, and set
// with setTrustDayRates. The improvement lead sets their own trust's; an ADMIN picks a trust.
// What is typed is checked only for being a number; every rule about the value is the
// server's, shown at the field it names, and then nothing is written.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { parseWhole } from '../components/number-field';
import { ErrorNotice, QueryView } from '../components/states';
import { TrustPicker, useTrustChoice } from '../components/trust-choice';
import { errorsAt, FieldError, FormErrors, otherErrors, type UserErrorLike } from '../components/user-errors';
import { label, payer } from '../format';

const CostSettingsQuery = graphql(`
  query CostSettings($trustId: ID!) {
    node(id: $trustId) {
      ... on Trust {
        id
        name
        costSettings {
          dayRates {
            designation
            dayRate
          }
          undesignatedDayRate
          coverDayRate
          paidBy
          isDefault
        }
      }
    }
  }
`);

const SetTrustDayRatesMutation = graphql(`
  mutation SetTrustDayRates($input: SetTrustDayRatesInput!) {
    setTrustDayRates(input: $input) {
      costSettings {
        isDefault
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Trust = Extract<NonNullable<ResultOf<typeof CostSettingsQuery>['node']>, { costSettings: unknown }>;
type Settings = Trust['costSettings'];
type Designation = Settings['dayRates'][number]['designation'];
type Payer = Settings['paidBy'];

const PAYERS: Payer[] = ['RECEIVING_SCHOOL', 'TRUST'];

export default function CostSettingsPage() {
  const [chosen, setChosen] = useState<string | null>(null);
  const choice = useTrustChoice(chosen);
  return (
    <div className="page page-narrow">
      <h1>Day rates and who pays</h1>
      <p className="lede">
        What a day of support costs in your trust, by the supporter’s designation, what a day of cover costs a school that releases someone, and
        who pays for the support. New proposals and plans use these rates; a deployment keeps the rates it was proposed at.
      </p>
      <TrustPicker choice={choice} onChoose={setChosen} />
      {choice.trustId ? <SettingsLoader trustId={choice.trustId} /> : null}
      <p>
        <Link to="/allocation">Plan support at these rates</Link>
      </p>
    </div>
  );
}

function SettingsLoader({ trustId }: { trustId: string }) {
  const settings = useGqlQuery(CostSettingsQuery, { trustId });
  return (
    <QueryView query={settings} what="the trust’s rates">
      {(data) => {
        const trust = data.node && 'costSettings' in data.node ? data.node : null;
        if (!trust) return <p>No trust has this address.</p>;
        // A form per trust: an ADMIN who picks another trust starts from that trust's rates.
        return <RatesForm key={trust.id} trust={trust} />;
      }}
    </QueryView>
  );
}

type Texts = { dayRates: Record<Designation, string>; undesignatedDayRate: string; coverDayRate: string };

function RatesForm({ trust }: { trust: Trust }) {
  const id = useId();
  const s = trust.costSettings;
  const designations = s.dayRates.map((r) => r.designation);
  const [texts, setTexts] = useState<Texts>({
    dayRates: Object.fromEntries(s.dayRates.map((r) => [r.designation, String(r.dayRate)])) as Record<Designation, string>,
    undesignatedDayRate: String(s.undesignatedDayRate),
    coverDayRate: String(s.coverDayRate),
  });
  const [paidBy, setPaidBy] = useState<Payer>(s.paidBy);
  const [localErrors, setLocalErrors] = useState<UserErrorLike[]>([]);
  const save = useGqlMutation(SetTrustDayRatesMutation, ['CostSettings', 'DeploymentPage', 'NeedPage']);
  const errors = localErrors.length ? localErrors : (save.data?.setTrustDayRates.userErrors ?? []);
  const saved = !!save.data?.setTrustDayRates.costSettings && !errors.length;

  // The server names a designation's rate by its place in the list sent: the order shown.
  const rateField = (i: number) => `dayRates.${i}.dayRate`;
  const fields = [...designations.map((_, i) => rateField(i)), 'undesignatedDayRate', 'coverDayRate', 'paidBy'];

  function submit() {
    const problems: UserErrorLike[] = [];
    const whole = (text: string, field: string) => {
      const parsed = parseWhole(text);
      if (!parsed.ok) problems.push({ field: field.split('.'), message: parsed.message, code: 'NOT_A_NUMBER' });
      return parsed.ok ? parsed.value! : 0;
    };
    const dayRates = designations.map((designation, i) => ({ designation, dayRate: whole(texts.dayRates[designation], rateField(i)) }));
    const undesignatedDayRate = whole(texts.undesignatedDayRate, 'undesignatedDayRate');
    const coverDayRate = whole(texts.coverDayRate, 'coverDayRate');
    setLocalErrors(problems);
    if (problems.length) return;
    save.mutate({ input: { trustId: trust.id, dayRates, undesignatedDayRate, coverDayRate, paidBy } });
  }

  const input = (field: string, labelText: string, value: string, onChange: (v: string) => void, hint?: string) => {
    const messages = errorsAt(errors, field);
    const inputId = `${id}-${field.replace(/\./g, '-')}`;
    const describedBy = [hint ? `${inputId}-hint` : null, messages.length ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field" key={field}>
        <label htmlFor={inputId}>{labelText}</label>
        <input
          id={inputId}
          inputMode="numeric"
          autoComplete="off"
          size={8}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={describedBy}
        />
        {hint ? (
          <span id={`${inputId}-hint`} className="hint">
            {hint}
          </span>
        ) : null}
        <FieldError id={`${inputId}-error`} messages={messages} />
      </div>
    );
  };
  const paidByErrors = errorsAt(errors, 'paidBy');

  return (
    <form
      className="form-card"
      noValidate
      aria-label={`Rates of ${trust.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{trust.name}</h2>
      <p className="hint">
        {s.isDefault ? 'Published school-to-school support rates: the trust has not set its own yet.' : 'The trust’s own rates.'} Whole pounds a
        day, 0 to 5,000.
      </p>
      {saved ? (
        <p className="notice notice-success" role="status">
          Rates saved.
        </p>
      ) : null}
      <FormErrors errors={otherErrors(errors, fields)} />
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <fieldset>
        <legend>Day rate of a supporter, by designation (£)</legend>
        {designations.map((designation, i) =>
          input(rateField(i), `${label(designation)} day rate`, texts.dayRates[designation], (v) => setTexts((t) => ({ ...t, dayRates: { ...t.dayRates, [designation]: v } }))),
        )}
        {input('undesignatedDayRate', 'Day rate without a designation', texts.undesignatedDayRate, (v) => setTexts((t) => ({ ...t, undesignatedDayRate: v })), 'Also the day rate of a whole school offering support.')}
        <p className="hint">A supporter with several designations is charged the highest of their rates.</p>
      </fieldset>
      {input('coverDayRate', 'Cover day rate (£)', texts.coverDayRate, (v) => setTexts((t) => ({ ...t, coverDayRate: v })), 'What a day of cover costs one of the trust’s schools while it releases someone.')}
      <fieldset aria-describedby={paidByErrors.length ? `${id}-paidBy-error` : undefined}>
        <legend>Who pays for the support, unless a deployment says otherwise</legend>
        {PAYERS.map((p) => (
          <label key={p} className="radio">
            <input type="radio" name={`${id}-paidBy`} value={p} checked={paidBy === p} onChange={() => setPaidBy(p)} /> {payer(p).replace(/^the /, 'The ')}
          </label>
        ))}
        <FieldError id={`${id}-paidBy-error`} messages={paidByErrors} />
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save the rates'}
      </button>
    </form>
  );
}
