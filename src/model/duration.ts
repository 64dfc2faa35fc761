import { p, type Printable } from './printable.js';
import { toMillis } from './time.js';

// Re-implementation of k8s.io/apimachinery/pkg/util/duration. Go converts durations to
// int by truncating toward zero; Math.trunc reproduces that for the negative cases too.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * kubectl's HumanDuration (AGE column, "93s ago"): about 2-3 significant figures,
 * e.g. `49s`, `6m21s`, `45m`, `3h5m`, `20h`, `2d5h`, `45d`, `3y120d`, `9y`.
 * A clock skew of up to 2 seconds (excluded) into the future still reads as `0s`.
 */
export function humanDuration(ms: number): Printable {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return p`<invalid>`;
  if (seconds < 0) return p`0s`;
  if (seconds < 60 * 2) return p`${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? p`${minutes}m` : p`${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return p`${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? p`${hours}h` : p`${hours}h${m}m`;
  }
  if (hours < 48) return p`${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? p`${days}d` : p`${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return p`${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? p`${years}y` : p`${years}y${dy}d`;
  }
  return p`${years}y`;
}

/** kubectl's ShortHumanDuration: a single unit, e.g. `59s`, `59m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): Printable {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return p`<invalid>`;
  if (seconds < 0) return p`0s`;
  if (seconds < 60) return p`${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return p`${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return p`${hours}h`;
  if (hours < 24 * 365) return p`${Math.trunc(hours / 24)}d`;
  return p`${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** Time elapsed since `timestamp` as the pod printer shows it; `<unknown>` when there is none. */
export function age(timestamp: Date | string | undefined | null, now: Date): Printable {
  const ms = toMillis(timestamp);
  if (ms === undefined) return p`<unknown>`;
  return humanDuration(now.getTime() - ms);
}
