// The bench's progress lines and how it prints figures.

export const log = (line: string) => console.log(`[bench] ${line}`);
/** Milliseconds: whole from 100 up, else one decimal; 'n/a' when there was nothing to measure. */
export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : 'n/a');
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
