/**
 * Formats a duration or playback offset as `m:ss` (minutes are not wrapped into hours, so a
 * 75-minute session reads `75:00`). Negative and non-finite values read `0:00`.
 */
export function formatTime(ms: number): string {
  const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
