// The GIAS establishment import: `npm run import:gias -- <file.csv>` (server/import/gias-command.ts).
export { GiasFileError, ImportInterruptedError } from './errors';
export { openImportDatabase } from './database';
export { readDatabaseState } from './existing';
export { checkGiasFile, type CheckedFile, GIAS_ACTOR, importGiasFile, type ImportOptions, settled, writeGiasFile } from './importer';
export { createProgress } from './progress';
export { formatSummary, type ImportSummary } from './summary';
