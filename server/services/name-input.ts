// The input rule for every name (trust, hub, academy, staff member, region): no control,
// bidirectional or invisible characters (refused, naming the field), then stored tidy
// (NFC, one space between words) and measured after tidying. See server/domain/names.ts.
import { z } from 'zod';
import { nameCharacterProblem, tidyName } from '../domain/names';

export function nameInput(min = 2, max = 200) {
  return z
    .string()
    .superRefine((value, context) => {
      const problem = nameCharacterProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .transform(tidyName)
    .pipe(
      z
        .string()
        .min(min, `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`),
    );
}
