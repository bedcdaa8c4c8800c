// Writes a CSV to an HTTP response as its rows arrive: the header first, then each batch of
// records as one write, waiting for 'drain' whenever the socket's buffer is full, so a slow
// client holds back the reading instead of the file piling up in memory. Stops reading when
// the client goes away.
import type { Response } from 'express';
import { csvRecord } from './csv';
import type { CsvColumn } from './csv-columns';

/** Sends `batches` (pages of records, in order) as CSV with a header row of the columns' names. */
export async function streamCsv<T>(res: Response, columns: readonly CsvColumn<T>[], batches: AsyncIterable<readonly T[]>): Promise<void> {
  let gone = false;
  const onClose = () => {
    gone = true;
  };
  res.on('close', onClose);
  try {
    await write(res, csvRecord(columns.map((c) => c.name)));
    for await (const batch of batches) {
      if (gone || res.destroyed) break;
      let chunk = '';
      for (const row of batch) chunk += csvRecord(columns.map((c) => c.value(row)));
      if (chunk) await write(res, chunk);
    }
    if (!gone && !res.destroyed) res.end();
  } finally {
    res.off('close', onClose);
  }
}

/** One write, waiting for the buffer to drain (or the connection to close) when it is full. */
async function write(res: Response, text: string): Promise<void> {
  if (res.destroyed) return;
  if (!res.write(text)) await drainedOrClosed(res);
}

/** Resolves on whichever comes first, removing both listeners (no listener is left behind per wait). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
