// The staff profile as the teacher's screens read and edit it.
import { graphql } from './graphql';

export const ProfileFields = graphql(`
  fragment ProfileFields on StaffMember {
    id
    name
    email
    role
    designations
    capacityDays
    remainingDays
    daysCommitted
    capacity {
      schoolYear
    }
    maxTravelKm
    safeguardingCheckExpiresOn
    homeAcademy {
      id
      name
      cluster {
        id
        name
      }
    }
    expertise {
      area
      level
      phases
      evidence
    }
    availability {
      from
      to
    }
  }
`);

export const ProfileQuery = graphql(
  `
  query StaffProfile($id: ID!) {
    node(id: $id) {
      ... on StaffMember {
        ...ProfileFields
      }
    }
    expertiseAreas {
      code
      label
      group
    }
  }
`,
  [ProfileFields],
);
