// How enum values, numbers and dates read on screen.
const SPECIAL: Record<string, string> = {
  PE: 'PE',
  PSHE: 'PSHE',
  RE: 'RE',
  SEND: 'SEND',
  CPD_LEADERSHIP: 'CPD leadership',
  SLE: 'SLE',
  NLE: 'NLE',
  LLE: 'LLE',
  NLG: 'NLG',
  SIXTEEN_PLUS: '16 plus',
  MODERN_FOREIGN_LANGUAGES: 'Modern foreign languages',
};

/** CLOSING_THE_GAP -> "Closing the gap". */
export function label(value: string): string {
  const special = SPECIAL[value];
  if (special) return special;
  const words = value.toLowerCase().split('_');
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

export const percent = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined ? 'unknown' : `${value.toFixed(digits)}%`;

export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export const score = (n: number) => n.toFixed(2);

/** Whole pounds: 2250 -> "£2,250". */
export const money = (n: number) => `£${n.toLocaleString('en-GB')}`;

/** Who pays, as a person reads it. */
export const payer = (paidBy: string) => (paidBy === 'TRUST' ? 'the trust' : 'the receiving school');

export function date(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "3 days", "5 hours": how long since a moment, for "waiting ..." labels. */
export function since(value: string, now = Date.now()): string {
  const ms = Math.max(0, now - new Date(value).getTime());
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.floor(hours / 24)} days`;
}

/** FSM bands used by the fairness report and the map's shading. */
export const FSM_BANDS = [
  { max: 10, label: 'under 10%', colour: '#dbe9f6' },
  { max: 20, label: '10–20%', colour: '#9ecae1' },
  { max: 30, label: '20–30%', colour: '#4a98c9' },
  { max: 40, label: '30–40%', colour: '#1f6fb2' },
  { max: Infinity, label: '40% or more', colour: '#08306b' },
] as const;

export function fsmBand(value: number | null | undefined) {
  if (value === null || value === undefined) return { label: 'unknown', colour: '#ffffff' };
  return FSM_BANDS.find((band) => value < band.max) ?? FSM_BANDS[FSM_BANDS.length - 1]!;
}

/** A factor's name as a person reads it: "trackRecord" -> "Track record". */
export function factorLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
