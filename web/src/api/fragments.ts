// Field selections several screens share (gql.tada fragments, unmasked).
import { graphql } from './graphql';

export const FactorFields = graphql(`
  fragment FactorFields on ScoreFactor {
    name
    weight
    value
    contribution
    detail
  }
`);

export const NeedSummaryFields = graphql(
  `
  fragment NeedSummaryFields on ImprovementNeed {
    id
    area
    phase
    severity
    status
    priority
    daysRequested
    daysCovered
    daysOutstanding
    raisedAt
    description
    priorityFactors {
      ...FactorFields
    }
    academy {
      id
      name
      fsmPercent
      latestInspection {
        label
      }
      cluster {
        id
        name
      }
    }
  }
`,
  [FactorFields],
);

export const MapSchoolFields = graphql(`
  fragment MapSchoolFields on Academy {
    id
    name
    latitude
    longitude
    fsmPercent
    latestInspection {
      label
    }
    isHubLead
    cluster {
      id
      name
    }
  }
`);
