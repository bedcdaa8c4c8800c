// How a message leaves: through SMTP (nodemailer over SMTP_URL), or, in development without
// SMTP_URL, caught: written to the log and kept in the outbox as CAUGHT, never sent.
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox entry, so a mail server or client can tell a repeat from a new one. */
  messageId: string;
  /** An iCalendar invitation (METHOD:REQUEST) to attach, when the message carries one. */
  icalEvent?: string;
}

export interface MailTransport {
  /** `smtp` marks a delivered message SENT; `catch` marks it CAUGHT. */
  kind: 'smtp' | 'catch';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A failure the mail server said is final (a 5xx reply, e.g. no such mailbox): retrying
 * cannot help, so the message fails at once. Connection problems and 4xx replies are retried.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Timeouts well inside the sender's claim lease, so a slow send ends before another sender may take the message over. */
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A mail server on this machine (a local relay, or a test server) is reached without its
 * certificate being checked: traffic to it never leaves the machine, and such servers offer
 * STARTTLS with a self-signed (often expired) certificate, which would otherwise fail every
 * message. Any other host's certificate is verified as usual.
 */
export function isLoopback(url: string): boolean {
  return LOOPBACK.has(new URL(url).hostname);
}

export function smtpTransport(url: string): MailTransport {
  // One connection per message (no pool): the sender sends few messages, and a pooled
  // connection to a server that went away would fail messages that a new one would send.
  const mailer = createTransport({ url, ...SMTP_TIMEOUTS_MS, ...(isLoopback(url) ? { tls: { rejectUnauthorized: false } } : {}) });
  return {
    kind: 'smtp',
    async send(mail) {
      await mailer.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.icalEvent ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: mail.icalEvent } } : {}),
      });
    },
    close: () => mailer.close(),
  };
}

/** Development without SMTP_URL: each message is written to the log instead of sent. */
export function catchingTransport(log: (mail: OutgoingMail) => void): MailTransport {
  return {
    kind: 'catch',
    async send(mail) {
      log(mail);
    },
    close: () => undefined,
  };
}
