import { formatMicroTimestamp, formatTimestamp } from '../timestamps.js';

/** metav1.Time: RFC 3339 truncated to whole seconds. */
export function rfc3339(ms: number): string {
  return formatTimestamp(new Date(ms));
}

/** metav1.MicroTime; `micros` (0–999) stands in for the sub-millisecond digits a real clock has. */
export function rfc3339Micro(ms: number, micros = 0): string {
  const text = formatMicroTimestamp(new Date(Math.floor(ms)));
  return text.replace(/000Z$/, `${String(Math.floor(micros) % 1000).padStart(3, '0')}Z`);
}
