/** Draws whether a new session is recorded: `rate` 1 always, 0 never, else with that probability. */
export function drawSampled(rate: number, random: () => number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  try {
    return random() < rate;
  } catch {
    return false;
  }
}
