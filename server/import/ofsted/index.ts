// The Ofsted inspections import: `npm run import:ofsted -- <file.csv>` (server/import/ofsted-command.ts).
export { OfstedFileError } from './errors';
export { importOfstedFile, importSucceeded, OFSTED_ACTOR, type OfstedImportOptions, type OfstedImportSummary } from './importer';
export { formatSummary } from './summary';
