// A school's latest Ofsted inspection, labelled for what it is: a report card (a grade per
// evaluation area and safeguarding, from November 2025) or a single-word judgement, never
// one dressed as the other. The older judgement is shown as history under a newer report card.
import { Fragment } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { date, label } from '../format';

export const InspectionFields = graphql(`
  fragment InspectionFields on Academy {
    status
    closedOn
    ofstedJudgement {
      rating
      inspectedOn
    }
    latestInspection {
      framework
      inspectedOn
      label
      mustNotLendStaff
      mustNotLendReason
      reportCard {
        inspectedOn
        safeguarding
        grades {
          area
          grade
        }
      }
    }
  }
`);

type Inspected = ResultOf<typeof InspectionFields>;

const AREA_NAMES: Record<string, string> = {
  PERSONAL_DEVELOPMENT_AND_WELLBEING: 'Personal development and well-being',
};

export function InspectionPanel({ school }: { school: Inspected }) {
  const latest = school.latestInspection;
  const card = latest.reportCard;
  const judgement = school.ofstedJudgement;
  return (
    <section aria-labelledby="inspection-heading" className="card">
      <h2 id="inspection-heading">Latest Ofsted inspection</h2>
      {school.status === 'CLOSED' ? (
        <p className="notice notice-error">
          Closed in the register (GIAS){school.closedOn ? ` from ${date(school.closedOn)}` : ''}: its staff are not asked to support others.
        </p>
      ) : null}
      {card ? (
        <>
          <p>
            <strong>Report card</strong>, inspected {date(card.inspectedOn)}. Report-card grades are not the old single-word judgements.
          </p>
          <dl className="facts">
            {card.grades.map((g) => (
              <Fragment key={g.area}>
                <dt>{AREA_NAMES[g.area] ?? label(g.area)}</dt>
                <dd>{label(g.grade)}</dd>
              </Fragment>
            ))}
            <dt>Safeguarding</dt>
            <dd>{card.safeguarding === 'MET' ? 'Met' : 'Not met'}</dd>
          </dl>
          {judgement ? (
            <p className="meta">
              Before it: single-word judgement {label(judgement.rating)}
              {judgement.inspectedOn ? ` (${date(judgement.inspectedOn)})` : ' (date not recorded)'}, kept as history.
            </p>
          ) : null}
        </>
      ) : judgement ? (
        <p>
          <strong>Single-word judgement</strong>: {label(judgement.rating)}
          {judgement.inspectedOn ? `, inspected ${date(judgement.inspectedOn)}` : ' (date not recorded)'}.
        </p>
      ) : (
        <p>Not inspected by Ofsted as this school yet.</p>
      )}
      {latest.mustNotLendStaff ? (
        <p className="notice notice-error">
          In an Ofsted category of concern ({latest.mustNotLendReason}): the school keeps its own staff, who are not asked to support others.
        </p>
      ) : null}
    </section>
  );
}
