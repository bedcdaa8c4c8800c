// Rate-limit counters kept in the database, so that every instance behind a load balancer
// draws on one budget per client (express-rate-limit's MemoryStore counts per process: two
// instances gave a client twice the limit). Used with MongoDB; FerretDB 1.x serves one
// instance (README, "Concurrency on FerretDB") and keeps the in-memory store.
//
// One document per client and fixed window (`_id` = "<key>|<window start>"), counted with
// one atomic upsert `$inc`, so concurrent requests on any instance never lose a hit. Windows
// are aligned to the clock (every instance agrees on them without talking to each other);
// a TTL index removes a window's document once it has ended. No npm package fits: none of
// the maintained express-rate-limit stores targets MongoDB (rate-limit-mongo is not in the
// registry list), and this is a few lines.
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Connection } from 'mongoose';

export const RATE_LIMIT_COLLECTION = 'rateLimitCounters';

interface CounterDoc {
  _id: string;
  hits: number;
  expiresAt: Date;
}

export class DatabaseRateLimitStore implements Store {
  /** Counts are shared with other processes: express-rate-limit's double-count check knows. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private indexed: Promise<void> | null = null;

  constructor(
    private readonly connection: Connection,
    options: { prefix?: string; now?: () => number } = {},
  ) {
    this.prefix = options.prefix ?? 'graphql:';
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  private get counters() {
    return this.connection.db!.collection<CounterDoc>(RATE_LIMIT_COLLECTION);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // Ended windows are deleted by the database (TTL index); a failure here only leaves them
    // to be removed later, never miscounts, since every window has its own document.
    this.indexed = this.counters
      .createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' })
      .then(() => undefined)
      .catch(() => undefined);
  }

  private window(): { start: number; end: Date } {
    const start = Math.floor(this.now() / this.windowMs) * this.windowMs;
    return { start, end: new Date(start + this.windowMs) };
  }

  private id(key: string, start: number): string {
    return `${this.prefix}${key}|${start}`;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    const _id = this.id(key, start);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const doc = await this.counters.findOneAndUpdate(
          { _id },
          { $inc: { hits: 1 }, $setOnInsert: { expiresAt: end } },
          { upsert: true, returnDocument: 'after' },
        );
        return { totalHits: doc?.hits ?? 1, resetTime: end };
      } catch (error) {
        // Two first hits racing to insert the window's document: one wins, the other
        // counts again as an update.
        if ((error as { code?: unknown }).code === 11000 && attempt < 3) continue;
        throw error;
      }
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { start, end } = this.window();
    const doc = await this.counters.findOne({ _id: this.id(key, start) });
    return doc ? { totalHits: doc.hits, resetTime: end } : undefined;
  }

  async decrement(key: string): Promise<void> {
    const { start } = this.window();
    await this.counters.updateOne({ _id: this.id(key, start), hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    const { start } = this.window();
    await this.counters.deleteOne({ _id: this.id(key, start) });
  }

  /** For tests and shutdown: the TTL index exists (or could not be made). */
  async ready(): Promise<void> {
    await this.indexed;
  }
}
