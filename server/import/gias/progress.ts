// Progress on stderr while a large file is read. On a terminal: one line rewritten in place,
// at most four times a second. Elsewhere (CI logs, pipes): a plain line every N rows, so a
// small file prints nothing and a large one a few dozen lines.
export interface Progress {
  update(rows: number, bytes: number): void;
  finish(rows: number): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  label: string;
  totalBytes: number;
  everyRows?: number;
  intervalMs?: number;
}

export const SILENT_PROGRESS: Progress = { update: () => undefined, finish: () => undefined };

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const everyRows = options.everyRows ?? 10_000;
  const intervalMs = options.intervalMs ?? 250;
  const tty = Boolean(stream.isTTY);
  let lastAt = 0;
  let nextRows = everyRows;
  let drawn = false;

  const text = (rows: number, bytes: number) => {
    const percent = options.totalBytes ? Math.min(100, Math.floor((bytes / options.totalBytes) * 100)) : 0;
    return `${options.label}: ${rows.toLocaleString('en-GB')} rows (${percent}%)`;
  };

  return {
    update(rows, bytes) {
      if (tty) {
        const now = Date.now();
        if (now - lastAt < intervalMs) return;
        lastAt = now;
        stream.write(`\r${text(rows, bytes)}\x1b[K`);
        drawn = true;
      } else if (rows >= nextRows) {
        nextRows += everyRows;
        stream.write(`${text(rows, bytes)}\n`);
      }
    },
    finish(rows) {
      if (tty && drawn) stream.write(`\r${options.label}: ${rows.toLocaleString('en-GB')} rows, done\x1b[K\n`);
    },
  };
}
