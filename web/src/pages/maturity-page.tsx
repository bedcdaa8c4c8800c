// The trust's maturity self-assessment against the RSC tool (docs/maturity.md): for the
// overall row and Steps 1-9, the stage recorded, the service's proposal with its reasons
// (Steps 6, 8, 9), a form to record a stage with evidence (accepting or overriding the
// proposal) and the history. The lead and ADMIN record; executive heads and headteachers read.
import { useId, useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useGqlMutation, useGqlQuery } from '../api/hooks';
import { useSession } from '../auth/session';
import { ErrorNotice, QueryView } from '../components/states';
import { TableScroll } from '../components/table-scroll';
import { TrustPicker, useTrustChoice } from '../components/trust-choice';
import { errorsAt, FieldError, FormErrors, otherErrors } from '../components/user-errors';
import { date, label } from '../format';

const MaturityQuery = graphql(`
  query MaturityPage($trustId: ID!) {
    trustMaturity(trustId: $trustId) {
      schoolYear
      trust {
        id
        name
      }
      steps {
        step
        label
        title
        descriptors {
          stage
          label
          text
        }
        current {
          stage
          evidence
          decision
          proposedStage
          assessedAt
          assessedBy {
            sub
            role
          }
        }
        previous {
          stage
        }
        history {
          stage
          evidence
          decision
          proposedStage
          assessedAt
          assessedBy {
            sub
            role
          }
        }
        proposal {
          stage
          schoolYear
          reasons {
            measure
            detail
          }
          toReachNextStage
        }
      }
    }
  }
`);

const RecordMutation = graphql(`
  mutation RecordMaturity($input: RecordMaturityAssessmentInput!) {
    recordMaturityAssessment(input: $input) {
      assessment {
        step
        stage
        decision
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Step = ResultOf<typeof MaturityQuery>['trustMaturity']['steps'][number];
type Stage = Step['descriptors'][number]['stage'];
const STAGES: Stage[] = ['BEGINNING', 'DEVELOPING', 'EMBEDDING', 'LEADING'];

function progress(step: Step): string {
  if (!step.current) return 'Not yet assessed';
  if (!step.previous) return 'First assessment';
  const d = STAGES.indexOf(step.current.stage) - STAGES.indexOf(step.previous.stage);
  return d > 0 ? `Up from ${label(step.previous.stage)}` : d < 0 ? `Down from ${label(step.previous.stage)}` : 'Unchanged';
}

const decisionText = (d: string, proposed: string | null | undefined) =>
  d === 'ACCEPTED' ? 'Accepted the proposal' : d === 'OVERRIDDEN' ? `Overrode the proposal (${label(proposed ?? '')})` : 'No proposal';

function RecordForm({ trustId, step }: { trustId: string; step: Step }) {
  const formId = useId();
  const [stage, setStage] = useState<Stage>(step.proposal?.stage ?? step.current?.stage ?? 'BEGINNING');
  const [evidence, setEvidence] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const record = useGqlMutation(RecordMutation, ['MaturityPage']);
  const errors = record.data?.recordMaturityAssessment.userErrors ?? [];
  const evidenceErrors = errorsAt(errors, 'evidence');
  const proposal = step.proposal?.stage ?? null;
  return (
    <form
      className="form-card inline-form"
      noValidate
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        record.mutate(
          { input: { trustId, step: step.step, stage, evidence } },
          {
            onSuccess: (data) => {
              const a = data.recordMaturityAssessment.assessment;
              if (a) {
                setSaved(`${step.label} recorded at ${label(a.stage)}.`);
                setEvidence('');
              }
            },
          },
        );
      }}
    >
      <h4 id={`${formId}-title`}>Record a stage for {step.label}</h4>
      {saved ? (
        <p className="notice notice-success" role="status">
          {saved}
        </p>
      ) : null}
      {record.error ? <ErrorNotice error={record.error} /> : null}
      <FormErrors errors={otherErrors(errors, ['evidence', 'stage'])} />
      <fieldset>
        <legend>Stage</legend>
        <div className="checks">
          {STAGES.map((s) => (
            <label key={s}>
              <input type="radio" name={`${formId}-stage`} value={s} checked={stage === s} onChange={() => setStage(s)} /> {label(s)}
              {proposal === s ? ' (proposed)' : ''}
            </label>
          ))}
        </div>
      </fieldset>
      {proposal ? (
        <p className="hint" aria-live="polite">
          {stage === proposal ? 'Recording this stage accepts the proposal.' : `Recording this stage overrides the proposal (${label(proposal)}); both are kept.`}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${formId}-evidence`}>Evidence</label>
        <p className="hint" id={`${formId}-evidence-hint`}>
          What shows the trust is at this stage.
        </p>
        <textarea
          id={`${formId}-evidence`}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          aria-describedby={`${formId}-evidence-hint${evidenceErrors.length ? ` ${formId}-evidence-error` : ''}`}
          {...(evidenceErrors.length ? { 'aria-invalid': true as const } : {})}
        />
        <FieldError id={`${formId}-evidence-error`} messages={evidenceErrors} />
      </div>
      <div className="actions">
        <button type="submit" disabled={record.isPending}>
          {record.isPending ? 'Saving…' : proposal && stage === proposal ? 'Accept and record' : 'Record stage'}
        </button>
      </div>
    </form>
  );
}

function StepSection({ trustId, step, mayRecord }: { trustId: string; step: Step; mayRecord: boolean }) {
  const headingId = `step-${step.step.toLowerCase()}`;
  return (
    <section className="card maturity-step" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {step.label}: {step.current ? label(step.current.stage) : 'not yet assessed'}
      </h2>
      <p>{step.title}</p>
      <details>
        <summary>What each stage looks like</summary>
        <dl>
          {step.descriptors.map((d) => (
            <div key={d.stage}>
              <dt>{d.label}</dt>
              <dd>{d.text}</dd>
            </div>
          ))}
        </dl>
      </details>
      {step.current ? (
        <p>
          Recorded {date(step.current.assessedAt)}: <strong>{label(step.current.stage)}</strong> ({progress(step)}). {decisionText(step.current.decision, step.current.proposedStage)}.
        </p>
      ) : null}
      {step.proposal ? (
        <div className="proposal">
          <h3>
            Proposed from {step.proposal.schoolYear}'s records: {label(step.proposal.stage)}
          </h3>
          <ul>
            {step.proposal.reasons.map((r) => (
              <li key={r.measure}>{r.detail}</li>
            ))}
          </ul>
          {step.proposal.toReachNextStage.length ? <p className="hint">For the next stage: {step.proposal.toReachNextStage.join('; ')}.</p> : null}
        </div>
      ) : null}
      {mayRecord ? <RecordForm trustId={trustId} step={step} /> : null}
      {step.history.length ? (
        <>
          <h3>History</h3>
          <TableScroll label={`${step.label} history`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Proposal</th>
                  <th scope="col">Evidence</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {step.history.map((h, i) => (
                  <tr key={i}>
                    <td>{date(h.assessedAt)}</td>
                    <td>{label(h.stage)}</td>
                    <td>{decisionText(h.decision, h.proposedStage)}</td>
                    <td>{h.evidence}</td>
                    <td>{label(h.assessedBy.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}

export default function MaturityPage() {
  const session = useSession();
  const [chosen, setChosen] = useState<string | null>(null);
  const choice = useTrustChoice(chosen);
  const mayRecord = session?.role === 'IMPROVEMENT_LEAD' || session?.role === 'ADMIN';
  const maturity = useGqlQuery(MaturityQuery, { trustId: choice.trustId ?? '' }, { enabled: !!choice.trustId });
  return (
    <div className="page">
      <h1>Trust maturity</h1>
      <p className="lede">
        The regional schools commissioner's tool, "Characteristics of successful multi-academy trusts": the overall row and nine steps, each at Beginning, Developing, Embedding or Leading. For
        Steps 6, 8 and 9 the service proposes a stage from the trust's records.
      </p>
      <TrustPicker choice={choice} onChoose={setChosen} />
      {choice.trustId ? (
        <QueryView query={maturity} what="the assessment">
          {(data) => (
            <>
              <p className="meta">
                {data.trustMaturity.trust.name}, proposals from {data.trustMaturity.schoolYear}.
              </p>
              <TableScroll label="Summary by step">
                <table>
                  <caption>Summary</caption>
                  <thead>
                    <tr>
                      <th scope="col">Step</th>
                      <th scope="col">Recorded</th>
                      <th scope="col">Proposed</th>
                      <th scope="col">Progress</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trustMaturity.steps.map((s) => (
                      <tr key={s.step}>
                        <th scope="row">
                          <a href={`#step-${s.step.toLowerCase()}`}>{s.label}</a>
                        </th>
                        <td>{s.current ? label(s.current.stage) : '—'}</td>
                        <td>{s.proposal ? label(s.proposal.stage) : '—'}</td>
                        <td>{progress(s)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {data.trustMaturity.steps.map((s) => (
                <StepSection key={s.step} trustId={data.trustMaturity.trust.id} step={s} mayRecord={mayRecord} />
              ))}
            </>
          )}
        </QueryView>
      ) : choice.query.data ? (
        <p className="state state-empty">There is no trust to show.</p>
      ) : null}
    </div>
  );
}
