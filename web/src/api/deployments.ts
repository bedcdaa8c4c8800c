// Deployment fields and the moves that take a deployment through its life.
import { DeploymentStatusFields, NeedPlaceFields, SupporterFields } from './fragments';
import { graphql } from './graphql';

export const DeploymentFields = graphql(
  `
  fragment DeploymentFields on Deployment {
    ...DeploymentStatusFields
    days
    statusSince
    startDate
    endDate
    impactRating
    impactEvidence
    need {
      ...NeedPlaceFields
      severity
    }
    staffMember {
      ...SupporterFields
    }
    supportingAcademy {
      id
      name
    }
    receivingAcademy {
      id
      name
    }
    release {
      at
    }
    acceptance {
      at
    }
  }
`,
  [DeploymentStatusFields, NeedPlaceFields, SupporterFields],
);

export const AgreeMutation = graphql(
  `
  mutation AgreeDeployment($input: DeploymentIdInput!) {
    agreeDeployment(input: $input) {
      deployment {
        ...DeploymentStatusFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [DeploymentStatusFields],
);

export const DeclineMutation = graphql(
  `
  mutation DeclineDeployment($input: DeploymentIdInput!) {
    declineDeployment(input: $input) {
      deployment {
        ...DeploymentStatusFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [DeploymentStatusFields],
);

export const StartMutation = graphql(
  `
  mutation StartDeployment($input: DeploymentIdInput!) {
    startDeployment(input: $input) {
      deployment {
        ...DeploymentStatusFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [DeploymentStatusFields],
);

export const CancelMutation = graphql(
  `
  mutation CancelDeployment($input: DeploymentIdInput!) {
    cancelDeployment(input: $input) {
      deployment {
        ...DeploymentStatusFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [DeploymentStatusFields],
);

export const CompleteMutation = graphql(
  `
  mutation CompleteDeployment($input: CompleteDeploymentInput!) {
    completeDeployment(input: $input) {
      deployment {
        ...DeploymentStatusFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [DeploymentStatusFields],
);

export const WaitingQuery = graphql(
  `
  query WaitingForMe {
    waitingForMe(first: 30) {
      kind
      action
      since
      need {
        id
        area
        academy {
          id
          name
        }
      }
      offer {
        id
        staffMember {
          id
          name
        }
        supportingAcademy {
          id
          name
        }
      }
      deployment {
        ...DeploymentFields
      }
    }
  }
`,
  [DeploymentFields],
);

/** Every screen that shows deployments, refetched after any move. */
export const DEPLOYMENT_SCREENS = ['WaitingForMe', 'DeploymentsBoard', 'HubPage', 'SchoolPage', 'SchoolDeployments', 'MyDeployments', 'NeedPage', 'LeadHome', 'WhereCouldIHelp', 'NeedRanking'];
