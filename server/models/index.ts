export * from './common';
export * from './trust';
export * from './academy';
export * from './cluster';
export * from './staff-member';
export * from './improvement-need';
export * from './deployment';
export * from './audit-entry';
