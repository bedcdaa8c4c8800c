// The staff import: `npm run import:staff -- <file.csv>` (server/import/staff-command.ts).
export { StaffFileError } from './errors';
export { importStaffFile, importSucceeded, STAFF_IMPORT_ACTOR, type StaffImportOptions, type StaffImportSummary } from './importer';
export { formatStaffSummary } from './summary';
