// What the server (running in this process) costs while it is measured: database commands
// sent and peak memory.
import mongoose from 'mongoose';

/**
 * Database commands sent by this process (the server's driver), by name. It listens on the
 * connection's current client: create it once the data is in (a --reset reconnects).
 */
export class CommandCounter {
  private counts = new Map<string, number>();
  constructor() {
    mongoose.connection.getClient().on('commandStarted', (event) => {
      this.counts.set(event.commandName, (this.counts.get(event.commandName) ?? 0) + 1);
    });
  }
  reset(): void {
    this.counts = new Map();
  }
  total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }
  summary(): string {
    return [...this.counts].map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
  }
}

/** Peak memory of this process (the server runs here) while sampling. */
export class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.peakRss = 0;
    this.peakHeap = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }
  stop(): { rss: number; heapUsed: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return { rss: this.peakRss, heapUsed: this.peakHeap };
  }
  private sample(): void {
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }
}
