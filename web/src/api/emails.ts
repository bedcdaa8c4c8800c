// The email outbox (ADMIN only, per the schema's description of `emailOutbox`): messages caught
// in development without SMTP_URL, waiting, sent and failed for good, and sending a failed one
// again with retryEmail.
import { graphql, type ResultOf } from './graphql';

export const OutboxEmailFields = graphql(`
  fragment OutboxEmailFields on OutboxEmail {
    id
    to
    subject
    text
    kind
    status
    attempts
    createdAt
    sentAt
    failedAt
    nextAttemptAt
    lastError
  }
`);

export const EmailOutboxQuery = graphql(
  `
  query EmailOutbox($filter: EmailOutboxFilter, $after: String) {
    emailOutbox(first: 25, after: $after, filter: $filter) {
      edges {
        node {
          ...OutboxEmailFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [OutboxEmailFields],
);

export const RetryEmailMutation = graphql(
  `
  mutation RetryEmail($input: RetryEmailInput!) {
    retryEmail(input: $input) {
      email {
        ...OutboxEmailFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`,
  [OutboxEmailFields],
);

export type OutboxEmail = ResultOf<typeof OutboxEmailFields>;
