// From a deployment's change to messages in the outbox. Called by the deployment service
// right after it writes (server/services/deployments.ts), and by the repair sweep.
import { encodeGlobalId } from '../auth/global-id';
import { expertiseAreaInfo, type ExpertiseArea } from '../domain/taxonomy';
import { type ActorRecord, SYSTEM_ACTOR } from '../models/common';
import type { DeploymentRecord } from '../models/deployment';
import type { LeanDoc } from '../models/lean';
import { type AcademyDoc, type StaffDoc, stores } from '../db/store';
import { type CalendarEvent, invitation } from '../calendar/ics';
import { type AgreementSide, type Audience, type DeploymentEvent, eventKey, eventsOf } from './events';
import { composeMessage, type DeploymentFacts } from './messages';
import { enqueue, type NewEmail } from './outbox';
import { digestAddresses } from './preferences';
import { headteachersOf, improvementLeadsOf, type Person, personOfActor, staffPerson } from './recipients';

type DeploymentLean = LeanDoc<DeploymentRecord>;

let publicUrl: string | null = null;
/** The invitations' organiser: the From address (EMAIL_FROM). */
let organizer = 'no-reply@school-support.invalid';
let reportProblem: (error: unknown) => void = (error) => process.emitWarning(`notification not written: ${String(error)}`, 'Notification');

/** Set once at start-up: where links point, and where a failed write of a message is logged. */
export function configureNotifications(options: { publicUrl: string | null; from?: string; onProblem?: (error: unknown) => void }): void {
  publicUrl = options.publicUrl;
  const address = options.from ? /<?([^\s<>]+@[^\s<>]+)>?\s*$/.exec(options.from)?.[1] : undefined;
  if (address) organizer = address;
  if (options.onProblem) reportProblem = options.onProblem;
}

const academyById = (id: unknown): Promise<AcademyDoc | null> => (id ? stores.academies.get(String(id)) : Promise.resolve(null));
const staffById = (id: unknown): Promise<StaffDoc | null> => (id ? stores.staff.get(String(id)) : Promise.resolve(null));

interface Sides {
  facts: DeploymentFacts;
  homeAcademyId: unknown;
  receivingTrustId: unknown;
}

async function sidesOf(d: DeploymentLean): Promise<Sides> {
  const receiving = await academyById(d.receivingAcademyId);
  const staff = await staffById(d.staffId);
  const homeAcademyId = staff ? staff.homeAcademyId : d.supportingAcademyId;
  const home = await academyById(homeAcademyId);
  return {
    homeAcademyId,
    receivingTrustId: receiving?.trustId ?? null,
    facts: {
      deploymentId: encodeGlobalId('Deployment', d._id),
      areaLabel: expertiseAreaInfo(d.area as ExpertiseArea).label,
      days: d.days,
      startDate: d.startDate ?? null,
      endDate: d.endDate ?? null,
      receivingSchool: receiving?.name ?? 'the receiving school',
      supporterName: staff?.name ?? home?.name ?? 'the supporter',
      supporterSchool: home?.name ?? 'their school',
      publicUrl,
    },
  };
}

async function audienceOf(audience: Audience, d: DeploymentLean, sides: Sides): Promise<Person[]> {
  switch (audience) {
    case 'SUPPORTER_HOME_HEADS':
      return headteachersOf(sides.homeAcademyId);
    case 'RECEIVING_HEADS':
      return headteachersOf(d.receivingAcademyId);
    case 'SUPPORTER':
      return d.staffId ? [await staffPerson(d.staffId)].filter((p): p is Person => !!p) : headteachersOf(d.supportingAcademyId);
    case 'PROPOSER': {
      // Whoever proposed it; when that was a service token naming no one, the trust's leads.
      const proposer = d.statusHistory[0]?.by;
      const person = proposer ? await personOfActor(proposer) : null;
      return person ? [person] : improvementLeadsOf(sides.receivingTrustId);
    }
  }
}

function calendarEventOf(d: DeploymentLean, f: DeploymentFacts): CalendarEvent {
  return {
    uid: `${f.deploymentId}@school-support`,
    start: d.startDate!,
    end: d.endDate ?? d.startDate!,
    summary: `${f.supporterName} supporting ${f.receivingSchool}: ${f.areaLabel}`,
    description: `${f.days} day${f.days === 1 ? '' : 's'} of ${f.areaLabel} support, agreed by both schools. Deployment ${f.deploymentId}.`,
    stamp: d.statusHistory.find((h) => h.status === 'AGREED')?.at ?? d.startDate!,
  };
}

/** The messages for these events, one per event and address, never to the person who acted. */
export async function messagesFor(d: DeploymentLean, events: DeploymentEvent[]): Promise<NewEmail[]> {
  if (!events.length) return [];
  const sides = await sidesOf(d);
  const emails: NewEmail[] = [];
  for (const event of events) {
    const actorEmail = (await personOfActor(event.by))?.email.toLowerCase();
    const seen = new Set<string>();
    for (const audience of event.audiences) {
      for (const person of await audienceOf(audience, d, sides)) {
        const address = person.email.toLowerCase();
        if (seen.has(address) || address === actorEmail) continue;
        seen.add(address);
        const { subject, text } = composeMessage(event.kind, sides.facts, person, { schoolDaysWaiting: event.schoolDaysWaiting, agreement: event.agreement });
        // An agreed deployment with dates carries its invitation, for the recipient's calendar.
        const icalEvent = event.kind === 'AGREED' && d.startDate ? invitation(calendarEventOf(d, sides.facts), organizer, person.email) : null;
        emails.push({ key: eventKey(event.kind, String(d._id), address, event.occurrence), kind: event.kind, to: person.email, subject, text, deploymentId: d._id, icalEvent });
      }
    }
  }
  return emails;
}

/**
 * Writes the messages of the events a change just caused (those at or after `since`). Never
 * throws: the change itself is already written, and a message missed here (the database
 * failed between the two writes) is written by the next repair sweep under the same key.
 */
export async function notifyDeployment(d: DeploymentLean, actor: ActorRecord, since: Date): Promise<void> {
  try {
    const events = eventsOf(d).filter((e) => e.at.getTime() >= since.getTime());
    const emails = await messagesFor(d, events);
    await enqueue(emails, actor, since, await digestAddresses(emails.map((e) => e.to)));
  } catch (error) {
    reportProblem(error);
  }
}

/**
 * The agreement was written or changed (now `d.agreement.version`): the other school's
 * headteachers (`audiences`, events.ts agreementChangeAudiences) are told, once per version
 * (key: kind, deployment, address, version). Never throws. Unlike a signature, a change is
 * not re-derived by the repair sweep: who is "the other school" depends on who changed it.
 */
export async function notifyAgreementChanged(d: DeploymentLean, audiences: Audience[], cleared: AgreementSide[], actor: ActorRecord, now: Date): Promise<void> {
  try {
    const version = d.agreement?.version ?? 1;
    const event: DeploymentEvent = { kind: 'AGREEMENT_CHANGED', at: now, by: actor, audiences, occurrence: `v${version}`, agreement: { version, sides: cleared } };
    const emails = await messagesFor(d, [event]);
    await enqueue(emails, actor, now, await digestAddresses(emails.map((e) => e.to)));
  } catch (error) {
    reportProblem(error);
  }
}

/**
 * The repair sweep: derives the messages of every deployment changed in the window and
 * writes the ones missing. Keys make it safe to run any number of times, by any number of
 * instances. Returns how many were missing.
 */
export async function repairOutbox(now: Date, windowMs: number): Promise<number> {
  const since = new Date(now.getTime() - windowMs);
  const filter = { updatedAt: { $gte: since } };
  const changed = await stores.deployments.find(filter);
  let added = 0;
  for (const d of changed) {
    const events = eventsOf(d).filter((e) => e.at.getTime() >= since.getTime());
    const emails = await messagesFor(d, events);
    added += await enqueue(emails, SYSTEM_ACTOR, now, await digestAddresses(emails.map((e) => e.to)));
  }
  return added;
}
