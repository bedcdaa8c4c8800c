// iCalendar (RFC 5545) text for all-day events. Pure.

export interface CalendarEvent {
  uid: string;
  /** First day, and last day inclusive (midnight UTC dates, as stored). */
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** When the event last changed (DTSTAMP). */
  stamp: Date;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets folded with CRLF and a space (RFC 5545 3.1), never inside a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** An invitation to one event (METHOD:REQUEST), as attached to the email of an agreed deployment. */
export function invitation(event: CalendarEvent, organizer: string, attendee: string): string {
  return calendar(null, [event], { method: 'REQUEST', organizer, attendee });
}

export function calendar(name: string | null, events: CalendarEvent[], invite?: { method: 'REQUEST'; organizer: string; attendee: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//School support matching//Deployments//EN', 'CALSCALE:GREGORIAN', `METHOD:${invite ? invite.method : 'PUBLISH'}`];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  for (const e of events) {
    const dayAfterEnd = new Date(e.end.getTime() + 24 * 60 * 60 * 1000); // DTEND of an all-day event is exclusive
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(e.stamp)}`,
      `DTSTART;VALUE=DATE:${ymd(e.start)}`,
      `DTEND;VALUE=DATE:${ymd(dayAfterEnd)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      'TRANSP:TRANSPARENT',
      ...(invite ? [`ORGANIZER:mailto:${invite.organizer}`, `ATTENDEE;RSVP=FALSE;PARTSTAT=ACCEPTED:mailto:${invite.attendee}`, 'SEQUENCE:0', 'STATUS:CONFIRMED'] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
