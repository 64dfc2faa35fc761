/**
 * Go's time.Duration.String(), which the kubelet uses in its messages ("back-off 2m40s …",
 * "Successfully pulled image … in 1.234s").
 */
export function formatGoDuration(nanoseconds: number): string {
  const ns = Math.round(nanoseconds);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${sign}${abs}ns`;
  if (abs < 1_000_000) return `${sign}${fixedFraction(abs, 1_000)}µs`;
  if (abs < 1_000_000_000) return `${sign}${fixedFraction(abs, 1_000_000)}ms`;
  const hours = Math.floor(abs / 3_600_000_000_000);
  const minutes = Math.floor((abs % 3_600_000_000_000) / 60_000_000_000);
  const seconds = fixedFraction(abs % 60_000_000_000, 1_000_000_000);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

export function formatGoDurationMs(milliseconds: number): string {
  return formatGoDuration(milliseconds * 1_000_000);
}

/** `value / unit` with the fraction's trailing zeros dropped, as Go prints it. */
function fixedFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const remainder = value % unit;
  if (remainder === 0) return String(whole);
  const digits = String(unit).length - 1;
  const fraction = String(remainder).padStart(digits, '0').replace(/0+$/, '');
  return `${whole}.${fraction}`;
}
