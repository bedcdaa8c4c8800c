// The time-window rule, pure: a person who states when they are free can only be placed on a
// need whose window meets one of those stretches. Dates are calendar days (UTC midnights) and
// every bound is inclusive: a stretch ending on the day a need's window starts still meets it.

/** A stretch of days a person is free to support, both ends included. */
export interface AvailabilityWindow {
  from: Date;
  to: Date;
}

/** When a need must be met; a missing end is open (no earliest start, or no deadline). */
export interface NeedWindow {
  start: Date | null;
  end: Date | null;
}

/** Whether one stretch of availability shares at least one day with the need's window. */
export function overlapsNeedWindow(window: AvailabilityWindow, need: NeedWindow): boolean {
  const startsInTime = need.end === null || window.from.getTime() <= need.end.getTime();
  const lastsLongEnough = need.start === null || window.to.getTime() >= need.start.getTime();
  return startsInTime && lastsLongEnough;
}

/**
 * Whether a person is available for a need's window. No stated availability means always
 * available (the contract: absent or empty is "always"); otherwise one stretch must overlap.
 */
export function availableForNeed(availability: readonly AvailabilityWindow[], need: NeedWindow): boolean {
  if (availability.length === 0) return true;
  for (const window of availability) if (overlapsNeedWindow(window, need)) return true;
  return false;
}
