/** The `0`–`5` keys of the log view: how far back the log starts. */
export interface SincePreset {
  key: string;
  label: string;
  /** undefined: the whole log. */
  seconds: number | undefined;
}

export const SINCE_PRESETS: readonly SincePreset[] = [
  { key: '0', label: 'all', seconds: undefined },
  { key: '1', label: '1m', seconds: 60 },
  { key: '2', label: '5m', seconds: 300 },
  { key: '3', label: '15m', seconds: 900 },
  { key: '4', label: '1h', seconds: 3600 },
  { key: '5', label: '6h', seconds: 21_600 },
];

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * A Go duration (`5m`, `1h30m`, `90s`, `1.5h`) in seconds, as kubectl's --since takes it; undefined
 * when it does not parse.
 */
export function parseGoDurationSeconds(text: string): number | undefined {
  const match = /^([0-9.]+(?:ns|us|µs|ms|s|m|h))+$/.test(text);
  if (!match) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const part of text.matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_SECONDS[part[2] ?? ''] ?? 0);
  }
  return total;
}
