// A real SMTP server (the `smtp-server` package) on 127.0.0.1, in the test's process: the
// service's sender talks SMTP to it over TCP, and the test reads what arrived.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ArrivedMail {
  envelopeTo: string[];
  subject: string;
  messageId: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Everything that arrived, across restarts. */
  arrived: ArrivedMail[];
  /** Stop listening (the "mail server is down"): connections are then refused. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Recipients the server refuses, with the reply code (e.g. 450 temporarily, 550 for good). */
  refuse: Map<string, number>;
  /** Resolves with the first message (arrived or arriving) to this address; rejects after `timeoutMs` (an upper bound only). */
  mailTo(address: string, timeoutMs: number): Promise<ArrivedMail>;
}

/** Headers of a raw message, unfolded (a long subject is folded over lines). */
export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** `starttls`: offer STARTTLS with the package's own self-signed certificate, as its defaults do. */
export async function startSmtpSink(options: { starttls?: boolean } = {}): Promise<SmtpSink> {
  const arrived: ArrivedMail[] = [];
  const waiters = new Set<() => void>();
  const refuse = new Map<string, number>();
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: options.starttls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = refuse.get(address.address.toLowerCase());
        if (!code) return callback();
        const error = new Error(`mailbox ${address.address} refused by the test server`) as Error & { responseCode: number };
        error.responseCode = code;
        return callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          arrived.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: header(raw, 'Subject'), messageId: header(raw, 'Message-ID'), raw });
          callback();
          for (const waiter of waiters) waiter();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server!.server.address() as AddressInfo).port;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    arrived,
    refuse,
    mailTo(address, timeoutMs) {
      const wanted = address.toLowerCase();
      return new Promise((found, fail) => {
        const check = () => {
          const mail = arrived.find((m) => m.envelopeTo.includes(wanted));
          if (!mail) return;
          cleanup();
          found(mail);
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no mail to ${address} within ${timeoutMs} ms; arrived: ${arrived.map((m) => m.envelopeTo.join(',')).join(' ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  };
}
