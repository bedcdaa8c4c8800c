// ESLint (flat config) for the GraphQL schema and the operations written against it.
// `npm run lint:schema` runs it; `npm test` runs that before jest. Only GraphQL is linted
// here: TypeScript is checked by `tsc --noEmit` (strict).
//
// The schema is printed from the Pothos builder (`npm run schema:print`), so a problem is
// fixed in schema/*.ts, then the file is printed again. See docs/schema.md.
const graphql = require('@graphql-eslint/eslint-plugin');

const schemaRecommended = graphql.configs['flat/schema-recommended'].rules;
const schemaRelay = graphql.configs['flat/schema-relay'].rules;
const operationsRecommended = graphql.configs['flat/operations-recommended'].rules;

// One graphql-config for both blocks: the plugin loads it once per run and reuses it, so the
// schema block must already name the documents the operations block checks.
const graphQLConfig = { schema: 'schema.graphql', documents: 'docs/**/*.graphql' };

/**
 * Object types that are values, not entities: they have no identity of their own, are only
 * ever reached through an entity or a root field, and so carry no `id`. Every other object
 * type must have `id: ID!` (strict-id-in-types), so a new entity cannot forget it. Payloads,
 * connections, edges and PageInfo are Relay plumbing and are exempt by suffix.
 */
const VALUE_TYPES = [
  'AcademySupportCapacity',
  'Actor',
  'AuditEntry',
  'AvailabilityWindow',
  'CandidateRanking',
  'DeploymentExplanation',
  'DeploymentStatusChange',
  'Exclusion',
  'ExpertiseAreaInfo',
  'ExpertiseEntry',
  'FieldChange',
  'RankedCandidate',
  'RankedNeed',
  'ScoreFactor',
  'SignOff',
  'StaffCapacity',
  'UserError',
  // schema/types/allocation.ts: a plan is a computed preview; its parts are values too.
  'AllocationCommitFailure',
  'AllocationPlan',
  'FairnessGroup',
  'FairnessReport',
  'PlanAllocationResult',
  'PlannedAssignment',
  'UnmetNeed',
  // schema/types/directory.ts: who is calling, computed per request; dev-sign-in.ts: whom one can sign in as.
  'DevSignInPerson',
  'Viewer',
  // schema/types/waiting-for-me.ts: a step is a view of a deployment, not a record.
  'WaitingStep',
  // schema/types/email-preferences.ts: settings held for a person's address or a trust.
  'EmailPreference',
  'ReminderRule',
  // schema/types/cost.ts: rates and costs are values worked out from a trust's rules.
  'CostBreakdown',
  'DesignationDayRate',
  'PlanCost',
  'TrustCostSettings',
  // schema/types/support-offer.ts: an offer's decision, and its explanation computed per request.
  'OfferDecision',
  'OfferExplanation',
  // schema/types/deployment-agreement.ts: parts of a deployment, read through it.
  'AgreementSession',
  'DeploymentAgreement',
  'DeploymentImpact',
  'ReceivingImpact',
  // schema/types/fsm-banding.ts and equity-ledger.ts: bands and the ledger are computed figures.
  'FsmBanding',
  'EquityLedger',
  'EquityLedgerBand',
  'EquityFlow',
  'EquityFlowCell',
  // schema/types/maturity.ts: a trust's self-assessment is a view of the trust; its
  // assessments are append-only history entries (like AuditEntry), reached only through it.
  'MaturityAssessment',
  'MaturityCriterion',
  'MaturityProposal',
  'MaturityReason',
  'MaturityStageDescriptor',
  'MaturityStepAssessment',
  'TrustMaturity',
  // schema/types/inspection.ts: an academy's inspection outcomes, read with the academy.
  'LatestInspection',
  'OfstedJudgement',
  'OfstedReportCard',
  'ReportCardAreaGrade',
];

const config = [
  {
    files: ['schema.graphql'],
    languageOptions: {
      parser: graphql.parser,
      // Rules that need the whole schema (Relay rules, unreachable types) read it from here.
      parserOptions: { graphQLConfig },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...schemaRecommended,
      ...schemaRelay,
      // Every connection field takes first/after and last/before (Pothos relay), so both
      // directions are required.
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: true }],
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false }],
      // GraphiQL's documentation is the product's manual: everything carries a description.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: { types: VALUE_TYPES, suffixes: ['Payload', 'Connection', 'Edge', 'PageInfo'] },
        },
      ],
      // Mutations take one argument called `input` (API.md). Input type names are not
      // checked against the mutation name: the four deployment moves share DeploymentIdInput.
      '@graphql-eslint/input-name': ['error', { checkInputType: false }],
      '@graphql-eslint/no-scalar-result-type-on-mutation': 'error',
      '@graphql-eslint/description-style': ['error', { style: 'block' }],
    },
  },
  {
    // The journeys (docs/journeys/*.graphql) are operations against the committed schema.
    files: ['docs/**/*.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...operationsRecommended,
      // Each journey file is a script of several named steps, not one operation per file.
      '@graphql-eslint/match-document-filename': 'off',
    },
  },
];

// The pending list travels with the config for tests/unit/schema-lint.test.ts.
module.exports = config;
