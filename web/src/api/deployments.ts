// Deployment fields and the moves that take a deployment through its life.
import { graphql } from './graphql';

export const DeploymentFields = graphql(`
  fragment DeploymentFields on Deployment {
    id
    status
    days
    statusSince
    startDate
    endDate
    impactRating
    impactEvidence
    need {
      id
      area
      severity
      academy {
        id
        name
      }
    }
    staffMember {
      id
      name
      homeAcademy {
        id
        name
      }
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
`);

export const AgreeMutation = graphql(`
  mutation AgreeDeployment($input: DeploymentIdInput!) {
    agreeDeployment(input: $input) {
      deployment {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeclineMutation = graphql(`
  mutation DeclineDeployment($input: DeploymentIdInput!) {
    declineDeployment(input: $input) {
      deployment {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const StartMutation = graphql(`
  mutation StartDeployment($input: DeploymentIdInput!) {
    startDeployment(input: $input) {
      deployment {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const CancelMutation = graphql(`
  mutation CancelDeployment($input: DeploymentIdInput!) {
    cancelDeployment(input: $input) {
      deployment {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const CompleteMutation = graphql(`
  mutation CompleteDeployment($input: CompleteDeploymentInput!) {
    completeDeployment(input: $input) {
      deployment {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

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
