// Hardening settings with their defaults; server/config.ts reads overrides from the environment.

export interface SecuritySettings {
  /** Deepest selection nesting a query may have (GRAPHQL_MAX_DEPTH). */
  maxDepth: number;
  /** Most a query may cost by graphql-armor's measure, with real page sizes (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Most aliases in one operation (GRAPHQL_MAX_ALIASES). */
  maxAliases: number;
  /** Most lexical tokens in one document (GRAPHQL_MAX_TOKENS). */
  maxTokens: number;
  /** Most directives in one operation (GRAPHQL_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Largest request body accepted, in bytes, after decompression (REQUEST_BODY_LIMIT). */
  bodyLimitBytes: number;
  /**
   * Mutations, rankings, plans and documents the server has not seen (not in the document
   * cache) per client per minute; 0 turns the limit off (RATE_LIMIT_PER_MINUTE).
   */
  rateLimitPerMinute: number;
  /**
   * Subject-access exports (GET/POST /exports/me.json) per person per hour; 0 turns the limit
   * off (SUBJECT_ACCESS_EXPORTS_PER_HOUR). Each gathers every record and audit entry about the
   * person, so it is bounded apart from the GraphQL limit.
   */
  exportsPerHour: number;
  /**
   * CSV exports (/exports/deployments.csv, needs.csv, plan.csv, counted together) per person
   * per hour; 0 turns the limit off (CSV_EXPORTS_PER_HOUR). Each walks a whole list, or
   * solves a plan.
   */
  csvExportsPerHour: number;
  /** Board reports as HTML (/reports/board) per person per hour; 0: off (BOARD_REPORTS_PER_HOUR). */
  boardReportsPerHour: number;
  /**
   * Board reports as PDF (/reports/board.pdf) per person per hour; 0: off
   * (BOARD_REPORT_PDFS_PER_HOUR). Each starts a Chromium, so the limit is tighter.
   */
  boardReportPdfsPerHour: number;
  /**
   * PDFs waiting while one prints (PDF_QUEUE_LIMIT): one prints at a time; a request finding
   * this many already waiting is answered 503 PDF_BUSY at once instead of queueing without end.
   */
  pdfQueueLimit: number;
  /** Origins allowed to call from a browser: '*' or a list (CORS_ORIGINS). */
  corsOrigins: '*' | string[];
  /** express "trust proxy": false, a hop count or proxy addresses (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  /** Answer introspection queries (`__schema`, `__type`) (GRAPHQL_INTROSPECTION); off in production. */
  introspection: boolean;
  /** "Did you mean …?" in validation errors (GRAPHQL_FIELD_SUGGESTIONS); off in production. */
  fieldSuggestions: boolean;
  /** A query still running after this many ms is stopped with EXECUTION_TIMEOUT; 0 turns it off (GRAPHQL_EXECUTION_TIMEOUT_MS). */
  executionTimeoutMs: number;
  /** Bytes of memory held for parsed and compiled documents, at most (GRAPHQL_DOCUMENT_CACHE_MB). */
  documentCacheBytes: number;
  /** Most time a client may take to send a request's headers (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** Most time a client may take to send a whole request, headers and body (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Most connections open at once from one client address; 0 turns the cap off (MAX_CONNECTIONS_PER_CLIENT). */
  maxConnectionsPerClient: number;
}

const DEFAULT_SECURITY: SecuritySettings = {
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 20,
  maxTokens: 2_000,
  maxDirectives: 20,
  bodyLimitBytes: 100 * 1024,
  rateLimitPerMinute: 300,
  exportsPerHour: 10,
  csvExportsPerHour: 120,
  boardReportsPerHour: 60,
  boardReportPdfsPerHour: 20,
  pdfQueueLimit: 4,
  corsOrigins: '*',
  trustProxy: false,
  introspection: true,
  fieldSuggestions: true,
  executionTimeoutMs: 10_000,
  // Why these values: docs/security.md.
  documentCacheBytes: 32 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerClient: 64,
};

/**
 * Defaults for an environment: production allows no browser origins until told which, and
 * does not describe its schema to strangers (no introspection, no field suggestions); clients
 * are built against the printed schema.graphql instead.
 */
export function securityDefaults(nodeEnv: 'development' | 'production' | 'test'): SecuritySettings {
  const production = nodeEnv === 'production';
  return { ...DEFAULT_SECURITY, corsOrigins: production ? [] : '*', introspection: !production, fieldSuggestions: !production };
}
