/** A MongoDB-protocol server the service can connect to, and how to let it go. */
export type DatabaseKind = 'external' | 'mongodb-memory-server' | 'ferretdb';

export interface DatabaseServer {
  kind: DatabaseKind;
  /** Connection string without a database name; callers pick the database. */
  uri: string;
  /** Human-readable description for the start-up log. */
  description: string;
  stop(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}
