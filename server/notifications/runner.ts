// The running service's side of email: a sender ticking over the outbox, and the sweeps
// (repair, reminders, daily digests). Every instance may run it: claims keep them apart.
import type { Logger } from '../logger';
import { repairOutbox } from './notify';
import { createSender, type OutboxSender } from './sender';
import { buildDigests, pruneSentEmails, sendReminders } from './sweeps';
import type { EmailSettings } from './settings';
import { catchingTransport, smtpTransport } from './transport';

/** How far back the repair sweep looks for changes whose messages may be missing. */
export const REPAIR_WINDOW_MS = 24 * 60 * 60 * 1000;
const REPAIR_EVERY_MS = 10 * 60 * 1000;
const REMINDERS_EVERY_MS = 15 * 60 * 1000;
const DIGESTS_EVERY_MS = 5 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function createConfiguredSender(settings: EmailSettings, logger: Logger): OutboxSender | null {
  const transport = settings.smtpUrl
    ? smtpTransport(settings.smtpUrl)
    : settings.withoutSmtp === 'catch'
      ? catchingTransport((mail) => logger.info({ email: { to: mail.to, subject: mail.subject } }, `email caught (SMTP_URL is not set), not sent:\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`))
      : null;
  if (!transport) return null;
  return createSender({ transport, from: settings.from, maxAttempts: settings.maxAttempts, retryBaseSeconds: settings.retryBaseSeconds, retryMaxSeconds: settings.retryMaxSeconds });
}

export function startNotifications(settings: EmailSettings, logger: Logger, clock: () => Date = () => new Date()): { stop(): void } {
  const sender = createConfiguredSender(settings, logger);
  if (settings.smtpUrl) logger.info(`email: sending through ${new URL(settings.smtpUrl).host}`);
  else if (sender) logger.info('email: SMTP_URL is not set: messages are caught (logged, and listed by emailOutbox) instead of sent');
  else logger.warn('email: SMTP_URL is not set: messages wait in the outbox until it is');

  let running = false;
  let lastRepair = 0;
  let lastReminders = 0;
  let lastDigests = 0;
  let lastPrune = 0;
  const tick = async () => {
    if (running) return; // a slow tick is never overlapped by the next
    running = true;
    try {
      const now = clock();
      if (now.getTime() - lastRepair >= REPAIR_EVERY_MS) {
        const repaired = await repairOutbox(now, REPAIR_WINDOW_MS);
        if (repaired) logger.warn({ repaired }, 'email: wrote messages that a failed request had left out');
        lastRepair = now.getTime();
      }
      if (now.getTime() - lastReminders >= REMINDERS_EVERY_MS) {
        const reminded = await sendReminders(now);
        if (reminded) logger.info({ reminded }, 'email: reminders written for steps waiting too long');
        lastReminders = now.getTime();
      }
      if (now.getTime() - lastDigests >= DIGESTS_EVERY_MS) {
        await buildDigests(now, settings.digestHour);
        lastDigests = now.getTime();
      }
      if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
        const pruned = await pruneSentEmails(now, settings.keepSentDays);
        if (pruned) logger.info({ pruned }, `email: deleted messages sent more than ${settings.keepSentDays} days ago`);
        lastPrune = now.getTime();
      }
      if (sender) {
        const report = await sender.tick(now);
        if (report.failed) logger.error(report, 'email: messages failed for good (see emailOutbox)');
        else if (report.retrying) logger.warn(report, 'email: the mail server refused or was unreachable; will retry');
      }
    } catch (error) {
      logger.error({ err: error }, 'email: outbox tick failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.pollSeconds * 1000);
  timer.unref();
  void tick();
  return {
    stop() {
      clearInterval(timer);
      sender?.close();
    },
  };
}
