// Every type module registers itself on the builder; this assembles the schema.
import { builder } from './builder';
import './types/scalars';
import './types/enums';
import './types/user-error';
import './types/score-factor';
import './types/expertise-area';
import './types/trust';
import './types/academy';
import './types/cluster';
import './types/staff-member';
import './types/improvement-need';
import './types/ranking';
import './types/deployment';
import './types/deployment-list';
import './types/waiting-for-me';
import './types/allocation';
import './types/academy-support';
import './node-query';
import './types/directory';
import './types/dev-sign-in';
import './types/personal-data';
import './types/email-outbox';
import './types/email-preferences';
import './types/calendar-feed';
import './types/leavers';
import './types/maturity';

export const schema = builder.toSchema({ sortSchema: true });
