// Email settings from the environment (README, "Configuration"; docs/notifications.md).
import { ConfigError } from '../config';

export interface EmailSettings {
  /** smtp:// or smtps:// URL of the mail server; null: development catches, production holds. */
  smtpUrl: string | null;
  /** The From address of every message. */
  from: string;
  /** Attempts before a message is marked FAILED (a refusal with a 5xx reply fails at once). */
  maxAttempts: number;
  /** First retry after this many seconds, doubling each time up to `retryMaxSeconds`. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** How often the running service looks at the outbox. */
  pollSeconds: number;
  /** Where links in messages point (PUBLIC_URL), if known. */
  publicUrl: string | null;
  /** What to do with messages when there is no SMTP_URL. */
  withoutSmtp: 'catch' | 'hold';
  /** The hour (Europe/London) from which the day's digests go out. */
  digestHour: number;
  /**
   * SENT messages older than this many days are deleted by the prune sweep, so the outbox
   * (read whole on FerretDB) does not grow for ever. At least 2: longer than the repair
   * sweep's window, so a pruned message is never written again by it.
   */
  keepSentDays: number;
}

export function loadEmailSettings(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): EmailSettings {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(smtpUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) {
      throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587 (got an unusable value)');
    }
  }
  const from = env.EMAIL_FROM?.trim() || 'School support <no-reply@school-support.invalid>';
  if (!/^[^\r\n]*<?[^\s<>@]+@[^\s<>@]+>?$/.test(from)) {
    throw new ConfigError(`EMAIL_FROM must be an address, optionally with a name: "School support <support@example.org>" (got "${from}")`);
  }
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return value;
  };
  const retryBaseSeconds = int('EMAIL_RETRY_BASE_SECONDS', 30, 1, 86_400);
  return {
    smtpUrl,
    from,
    maxAttempts: int('EMAIL_MAX_ATTEMPTS', 10, 1, 100),
    retryBaseSeconds,
    retryMaxSeconds: Math.max(retryBaseSeconds, int('EMAIL_RETRY_MAX_SECONDS', 3600, 1, 7 * 86_400)),
    pollSeconds: int('EMAIL_POLL_SECONDS', 10, 1, 3600),
    publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null,
    withoutSmtp: nodeEnv === 'production' ? 'hold' : 'catch',
    digestHour: int('EMAIL_DIGEST_HOUR', 7, 0, 23),
    keepSentDays: int('EMAIL_KEEP_SENT_DAYS', 90, 2, 3650),
  };
}
