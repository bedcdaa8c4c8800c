// One PDF printed at a time, with a bounded line of waiting requests. A print starts a
// Chromium (about 0.7 s and 100-200 MB, BENCHMARKS.md): two at once on a small machine
// starve each other and the API, and an unbounded line would hold requests (and their
// reports) in memory without end while a crowd waits. A request finding the line full is
// refused at once (PrintQueueFullError) so the client can try again later.

export class PrintQueueFullError extends Error {
  constructor(readonly waiting: number) {
    super(
      waiting === 0
        ? 'A PDF is being printed and no more can wait: one is printed at a time. Try again in a minute (the HTML report is not limited this way).'
        : `The PDF printer is busy: one PDF is being printed and ${waiting} more are waiting, the most that may wait. Try again in a minute (the HTML report is not limited this way).`,
    );
  }
}

/** The request gave up (its client went away) while waiting: nothing was printed for it. */
export class PrintAbandonedError extends Error {
  constructor() {
    super('The PDF request was abandoned while waiting to be printed');
  }
}

export class PrintQueue {
  private running = false;
  private readonly waiting: (() => void)[] = [];

  get busy(): boolean {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** @param maxWaiting requests that may wait while one runs (PDF_QUEUE_LIMIT). */
  constructor(private readonly maxWaiting: number) {}

  /**
   * Runs `task` when no other is running; throws PrintQueueFullError at once when the line is
   * full. When `abandoned` fires while waiting, the request leaves the line (its place goes to
   * the next comer) and PrintAbandonedError is thrown: a Chromium is not started for nobody.
   */
  async run<T>(task: () => Promise<T>, abandoned?: AbortSignal): Promise<T> {
    if (this.running) {
      if (this.waiting.length >= this.maxWaiting) throw new PrintQueueFullError(this.waiting.length);
      if (abandoned?.aborted) throw new PrintAbandonedError();
      // The one finishing hands its turn straight over (running stays true), so no newcomer
      // can slip in between.
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          abandoned?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const place = this.waiting.indexOf(turn);
          if (place >= 0) this.waiting.splice(place, 1);
          reject(new PrintAbandonedError());
        };
        this.waiting.push(turn);
        abandoned?.addEventListener('abort', leave, { once: true });
      });
    }
    this.running = true;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running = false;
    }
  }
}
