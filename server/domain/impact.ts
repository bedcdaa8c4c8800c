// How a deployment's impact enters a supporter's track record, when both schools rate it.
//
// The supporter rates their impact on completion (completeDeployment: impactRating), and the
// receiving school rates it too (rateDeploymentImpact). The track record takes:
// - the mean of the two when both exist (each side sees something the other cannot: the
//   supporter what they did, the school what changed; neither outweighs the other);
// - the receiving school's alone when only it exists (the school that received the help is
//   the better judge of its effect, and a supporter who never rated is still counted);
// - the supporter's alone when only it exists (as before receiving ratings existed, so older
//   records keep counting exactly as they did).
// A mean of two whole ratings can be a half (2.5): the track-record factor maps any rating in
// 1..4 onto [0, 1], so halves count as they are.

export function trackRecordRating(supporterRating: number | null | undefined, receivingRating: number | null | undefined): number | null {
  const s = supporterRating ?? null;
  const r = receivingRating ?? null;
  if (s !== null && r !== null) return (s + r) / 2;
  return r ?? s;
}
