// What a deployment's state asks of whom: pure, so the write path and the repair sweep
// derive the same events, and so the same idempotency keys.
import type { DeploymentStatus } from '../domain/enums';

export type NotificationKind =
  | 'RELEASE_WANTED'
  | 'ACCEPTANCE_WANTED'
  | 'AGREED'
  | 'DECLINED'
  | 'RELEASE_REMINDER'
  | 'ACCEPTANCE_REMINDER'
  | 'AGREEMENT_CHANGED'
  | 'AGREEMENT_SIGNED';

/** The two schools of a deployment agreement. */
export type AgreementSide = 'RECEIVING' | 'SUPPORTING';

/** What a message about the deployment agreement says beyond the deployment itself. */
export interface AgreementDetail {
  version: number;
  /** AGREEMENT_SIGNED: the side that signed; AGREEMENT_CHANGED: the sides whose signatures the change cleared. */
  sides: AgreementSide[];
  /** AGREEMENT_SIGNED: both schools have now signed this version. */
  signedByBoth?: boolean;
}

/** Who an event goes to, named by their relation to the deployment. */
export type Audience = 'SUPPORTER_HOME_HEADS' | 'RECEIVING_HEADS' | 'PROPOSER' | 'SUPPORTER';

export interface DeploymentEvent {
  kind: NotificationKind;
  /** When it happened: the status change (or the proposal) it follows from. */
  at: Date;
  /** Who caused it: they are not told of their own act. */
  by: { sub: string; role: string };
  audiences: Audience[];
  /** Tells one occurrence from the next (the n-th reminder): part of the idempotency key. */
  occurrence?: string;
  /** For reminders: school days waited so far. */
  schoolDaysWaiting?: number;
  /** For the agreement's messages. */
  agreement?: AgreementDetail;
}

export interface DeploymentState {
  status: DeploymentStatus;
  release?: { at: Date } | null;
  acceptance?: { at: Date } | null;
  statusHistory: { status: DeploymentStatus; at: Date; by: { sub: string; role: string } }[];
  agreement?: {
    version: number;
    receivingSignature?: { at: Date; by: { sub: string; role: string } } | null;
    supportingSignature?: { at: Date; by: { sub: string; role: string } } | null;
  } | null;
}

/**
 * Events of a deployment as it stands. Waits (a release or an acceptance) only while they
 * still wait: a sweep that runs after the headteacher released does not ask again.
 */
export function eventsOf(deployment: DeploymentState): DeploymentEvent[] {
  const events: DeploymentEvent[] = [];
  const proposed = deployment.statusHistory.find((h) => h.status === 'PROPOSED');
  if (deployment.status === 'PROPOSED' && proposed) {
    if (!deployment.release) events.push({ kind: 'RELEASE_WANTED', at: proposed.at, by: proposed.by, audiences: ['SUPPORTER_HOME_HEADS'] });
    if (!deployment.acceptance) events.push({ kind: 'ACCEPTANCE_WANTED', at: proposed.at, by: proposed.by, audiences: ['RECEIVING_HEADS'] });
  }
  const agreed = deployment.statusHistory.find((h) => h.status === 'AGREED');
  if (agreed) events.push({ kind: 'AGREED', at: agreed.at, by: agreed.by, audiences: ['PROPOSER', 'SUPPORTER'] });
  const declined = deployment.statusHistory.find((h) => h.status === 'DECLINED');
  if (declined) events.push({ kind: 'DECLINED', at: declined.at, by: declined.by, audiences: ['PROPOSER'] });
  events.push(...signaturesOf(deployment));
  return events;
}

/**
 * Each signature of the agreement's current version tells the other school's headteachers
 * (a signature for the receiving school tells the supporter's home school, and the other way
 * round). Derived from the signatures themselves, so the repair sweep writes a lost one under
 * the same key (kind, deployment, address, version and side).
 */
function signaturesOf(deployment: DeploymentState): DeploymentEvent[] {
  const a = deployment.agreement;
  if (!a) return [];
  const signedByBoth = !!a.receivingSignature && !!a.supportingSignature;
  const events: DeploymentEvent[] = [];
  const sides = [
    { side: 'RECEIVING' as const, signature: a.receivingSignature, tell: 'SUPPORTER_HOME_HEADS' as const },
    { side: 'SUPPORTING' as const, signature: a.supportingSignature, tell: 'RECEIVING_HEADS' as const },
  ];
  for (const { side, signature, tell } of sides) {
    if (!signature) continue;
    events.push({
      kind: 'AGREEMENT_SIGNED',
      at: signature.at,
      by: signature.by,
      audiences: [tell],
      occurrence: `v${a.version}:${side.toLowerCase()}`,
      agreement: { version: a.version, sides: [side], signedByBoth },
    });
  }
  return events;
}

/**
 * Who is told that the agreement was written or changed: the other school's headteachers.
 * Someone who may sign for one side only changed it for that side, so the other side is
 * told; someone who may sign for both, or for neither (the arranger, the supporter), leaves
 * both schools to be told. The person who changed it is never told (messagesFor).
 */
export function agreementChangeAudiences(editor: { receivingSide: boolean; supportingSide: boolean }): Audience[] {
  if (editor.receivingSide && !editor.supportingSide) return ['SUPPORTER_HOME_HEADS'];
  if (editor.supportingSide && !editor.receivingSide) return ['RECEIVING_HEADS'];
  return ['RECEIVING_HEADS', 'SUPPORTER_HOME_HEADS'];
}

/** The idempotency key of one event's message to one address. */
export function eventKey(kind: string, recordId: string, email: string, suffix = ''): string {
  return `${kind}:${recordId}:${email.trim().toLowerCase()}${suffix ? `:${suffix}` : ''}`;
}

/**
 * Reminders for waits that have lasted `every` school days or more: the n-th reminder once
 * n × every school days have passed, so one per period, never two for the same one.
 */
export function remindersOf(deployment: DeploymentState, schoolDaysWaiting: number, every: number): DeploymentEvent[] {
  const round = Math.floor(schoolDaysWaiting / every);
  if (round < 1) return [];
  return eventsOf(deployment)
    .filter((e) => e.kind === 'RELEASE_WANTED' || e.kind === 'ACCEPTANCE_WANTED')
    .map((e) => ({
      ...e,
      kind: e.kind === 'RELEASE_WANTED' ? ('RELEASE_REMINDER' as const) : ('ACCEPTANCE_REMINDER' as const),
      // A reminder is the service's own doing: even someone who proposed it is reminded.
      by: { sub: 'system', role: 'SYSTEM' },
      occurrence: String(round),
      schoolDaysWaiting,
    }));
}
