// Names people type and other people read: trusts, hubs, schools, staff. Two rules.
//
// 1. Compared in a normalised form where uniqueness matters (nameKey): Unicode NFKC (so a
//    full-width or ligature look-alike is the same letters), case-folded, every run of
//    whitespace one space, trimmed. "Trelawny  Academy Trust" and "trelawny academy trust"
//    are the same trust. The unique indexes are on this key.
// 2. Characters that change how a name looks without being visible, or that no name has, are
//    refused: control characters (NUL, line breaks...), bidirectional overrides, embeddings,
//    isolates and marks (which can make a name read backwards), and every other invisible
//    format character (zero-width space, joiners, word joiner, byte-order mark, soft hyphen).

/** Unicode general categories Cc (control) and Cf (format), plus line and paragraph separators. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Why a name may not be stored, or null when it may. */
export function nameCharacterProblem(name: string): string | null {
  const match = FORBIDDEN.exec(name);
  if (!match) return null;
  const code = match[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `must not contain control characters, bidirectional overrides or invisible characters (found ${hex} at position ${match.index + 1})`;
}

/** The name as stored: canonical Unicode (NFC), whitespace runs collapsed to one space, trimmed. */
export function tidyName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The form names are compared in where they must be unique. */
export function nameKey(name: string): string {
  // NFKC folds compatibility look-alikes; upper- then lower-casing folds ß to ss as full case
  // folding does; NFKC again recomposes what case mapping decomposed.
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').replace(/\s+/gu, ' ').trim();
}
