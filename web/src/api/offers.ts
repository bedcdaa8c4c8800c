// Offers of help: made by a teacher (or a headteacher for their school), considered on the
// need page (accept as a proposal, or decline with a reason), followed on "where could I help".
import { DeploymentStatusFields, FactorFields, NeedPlaceFields, SupporterFields } from './fragments';
import { graphql } from './graphql';

export const OfferFields = graphql(
  `
  fragment OfferFields on SupportOffer {
    id
    status
    kind
    note
    days
    offeredAt
    statusSince
    decision {
      reason
      at
    }
    deployment {
      ...DeploymentStatusFields
    }
    need {
      ...NeedPlaceFields
    }
    staffMember {
      ...SupporterFields
    }
    supportingAcademy {
      id
      name
    }
  }
`,
  [DeploymentStatusFields, NeedPlaceFields, SupporterFields],
);

export const MyOffersQuery = graphql(
  `
  query MyOffers {
    myOffers(first: 50) {
      ...OfferFields
    }
  }
`,
  [OfferFields],
);

export const NeedOffersQuery = graphql(
  `
  query NeedOffers($id: ID!) {
    node(id: $id) {
      ... on ImprovementNeed {
        id
        offers {
          ...OfferFields
          explanation {
            score
            distanceKm
            excludedFor
            factors {
              ...FactorFields
            }
          }
        }
      }
    }
  }
`,
  [OfferFields, FactorFields],
);

export const OfferSupportMutation = graphql(`
  mutation OfferSupport($input: OfferSupportInput!) {
    offerSupport(input: $input) {
      offer {
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

export const WithdrawOfferMutation = graphql(`
  mutation WithdrawOffer($input: OfferIdInput!) {
    withdrawOffer(input: $input) {
      offer {
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

export const AcceptOfferMutation = graphql(
  `
  mutation AcceptOffer($input: AcceptOfferInput!) {
    acceptOffer(input: $input) {
      offer {
        id
        status
      }
      deployment {
        ...DeploymentStatusFields
        days
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

export const DeclineOfferMutation = graphql(`
  mutation DeclineOffer($input: DeclineOfferInput!) {
    declineOffer(input: $input) {
      offer {
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

/** Screens that show offers, refetched after any offer changes. */
export const OFFER_SCREENS = ['MyOffers', 'NeedOffers', 'NeedPage', 'NeedRanking', 'WaitingForMe', 'WhereCouldIHelp', 'LeadHome', 'DeploymentsBoard'];
