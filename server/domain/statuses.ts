// Groups of statuses the rules refer to by name.

/** Deployments that hold days and count as support under way. */
export const LIVE_DEPLOYMENT_STATUSES: string[] = ['PROPOSED', 'AGREED', 'ACTIVE'];
/** Needs still wanting or receiving support. */
export const LIVE_NEED_STATUSES: string[] = ['OPEN', 'MATCHED', 'IN_PROGRESS'];
