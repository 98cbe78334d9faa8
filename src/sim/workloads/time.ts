// Timestamps as the API serializes them: metav1.Time is RFC 3339 at second precision, metav1.MicroTime
// (Lease renewTime) carries six fractional digits. All arithmetic works on milliseconds since the epoch
// parsed from the caller's `now`; nothing here reads a clock.

export function toMillis(time: string): number {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC 3339 time ${JSON.stringify(time)}`);
  return ms;
}

/** RFC 3339 at second precision, UTC ("2024-05-01T10:00:00Z"). */
export function kubeTime(time: string | number): string {
  const ms = typeof time === 'number' ? time : toMillis(time);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, UTC ("2024-05-01T10:00:00.123000Z"). */
export function microTime(time: string | number): string {
  const ms = typeof time === 'number' ? time : toMillis(time);
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
