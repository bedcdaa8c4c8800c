// The words of each message. Pure: facts in, subject and text out.
import type { AgreementDetail, NotificationKind } from './events';
import type { Person } from './recipients';

export interface DeploymentFacts {
  /** The deployment's global ID, as the API names it. */
  deploymentId: string;
  areaLabel: string;
  days: number;
  startDate: Date | null;
  endDate: Date | null;
  receivingSchool: string;
  supporterName: string;
  supporterSchool: string;
  /** Where the service is (PUBLIC_URL), for links. */
  publicUrl: string | null;
}

export type MessageKind = NotificationKind;

const day = (d: Date) => d.toISOString().slice(0, 10);

function dates(f: DeploymentFacts): string {
  if (f.startDate && f.endDate) return `from ${day(f.startDate)} to ${day(f.endDate)}`;
  if (f.startDate) return `from ${day(f.startDate)}`;
  if (f.endDate) return `by ${day(f.endDate)}`;
  return 'dates to be arranged';
}

function where(f: DeploymentFacts): string {
  const link = f.publicUrl ? `${f.publicUrl}/` : 'the school support service';
  return `Open ${link} and look at "Waiting for me" (deployment ${f.deploymentId}).`;
}

export function composeMessage(kind: MessageKind, f: DeploymentFacts, to: Person, extra: { schoolDaysWaiting?: number | undefined; agreement?: AgreementDetail | undefined } = {}): { subject: string; text: string } {
  const hello = `Dear ${to.name ?? 'colleague'},`;
  const what = `${f.days} day${f.days === 1 ? '' : 's'} of ${f.areaLabel} support for ${f.receivingSchool}, ${dates(f)}`;
  const waiting = extra.schoolDaysWaiting ? `It has waited ${extra.schoolDaysWaiting} school days.` : '';
  switch (kind) {
    case 'RELEASE_WANTED':
    case 'RELEASE_REMINDER':
      return {
        subject: `${kind === 'RELEASE_REMINDER' ? 'Reminder: ' : ''}A release waits on you: ${f.supporterName} for ${f.receivingSchool}`,
        text: [hello, '', `${f.supporterName} (${f.supporterSchool}) has been proposed for ${what}.`, 'The release waits on you as their headteacher: agree it, or decline it.', waiting, '', where(f)].join('\n'),
      };
    case 'ACCEPTANCE_WANTED':
    case 'ACCEPTANCE_REMINDER':
      return {
        subject: `${kind === 'ACCEPTANCE_REMINDER' ? 'Reminder: ' : ''}Support for ${f.receivingSchool} waits on your acceptance`,
        text: [hello, '', `${f.supporterName} (${f.supporterSchool}) has been proposed for ${what}.`, 'Your acceptance as the receiving school is needed: agree it, or decline it.', waiting, '', where(f)].join('\n'),
      };
    case 'AGREED':
      return {
        subject: `Agreed: ${f.supporterName} to support ${f.receivingSchool}`,
        text: [hello, '', `Both schools have agreed ${what}, given by ${f.supporterName} (${f.supporterSchool}).`, 'It is ready to start.', '', where(f)].join('\n'),
      };
    case 'DECLINED':
      return {
        subject: `Declined: ${f.supporterName} for ${f.receivingSchool}`,
        text: [hello, '', `The proposal of ${f.supporterName} (${f.supporterSchool}) for ${what} was declined.`, 'The days are released; the need can be matched again.', '', where(f)].join('\n'),
      };
    case 'AGREEMENT_CHANGED': {
      const a = extra.agreement ?? { version: 1, sides: [] };
      const first = a.version === 1;
      const cleared = a.sides.length ? `The change cleared the signature${a.sides.length > 1 ? 's' : ''} of ${a.sides.map((s) => sideName(s, f)).join(' and ')}: ` : '';
      return {
        subject: `${first ? 'An agreement was written' : 'The agreement was changed'}: ${f.supporterName} for ${f.receivingSchool}`,
        text: [
          hello,
          '',
          `The deployment agreement for ${what}, given by ${f.supporterName} (${f.supporterSchool}), ${first ? 'was written' : 'was changed'}: it is now version ${a.version}.`,
          `${cleared}${cleared ? 'both' : 'Both'} schools sign version ${a.version} for it to hold. Read it, and sign it for your school if you agree.`,
          '',
          where(f),
        ].join('\n'),
      };
    }
    case 'AGREEMENT_SIGNED': {
      const a = extra.agreement ?? { version: 1, sides: ['RECEIVING'] };
      const signer = sideName(a.sides[0] ?? 'RECEIVING', f);
      return {
        subject: `${a.signedByBoth ? 'The agreement is signed by both schools' : `${signer} signed the agreement`}: ${f.supporterName} for ${f.receivingSchool}`,
        text: [
          hello,
          '',
          `${signer} signed version ${a.version} of the deployment agreement for ${what}, given by ${f.supporterName} (${f.supporterSchool}).`,
          a.signedByBoth ? 'Both schools have now signed it.' : 'It waits for your school’s signature: read it, and sign it if you agree.',
          '',
          where(f),
        ].join('\n'),
      };
    }
  }
}

/** The school that signs for a side: the receiving school, or the supporter's home school. */
function sideName(side: 'RECEIVING' | 'SUPPORTING', f: DeploymentFacts): string {
  return side === 'RECEIVING' ? f.receivingSchool : f.supporterSchool;
}
