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

// The parties of a deployment, and of an offer that may become one, selected the same way
// wherever either is shown: the need and its school, the supporter and their home school.
export const NeedPlaceFields = graphql(`
  fragment NeedPlaceFields on ImprovementNeed {
    id
    area
    academy {
      id
      name
    }
  }
`);

export const SupporterFields = graphql(`
  fragment SupporterFields on StaffMember {
    id
    name
    homeAcademy {
      id
      name
    }
  }
`);

/** What a move on a deployment (or an offer's link to one) reads back. */
export const DeploymentStatusFields = graphql(`
  fragment DeploymentStatusFields on Deployment {
    id
    status
  }
`);
