import type { ConnectionState } from '../kube/resourceStore.js';
import type { Severity } from '../model/containerTree.js';
import { p, type Printable } from '../model/printable.js';
import type { Display, Glyphs } from './glyphs.js';

export type Health = 'healthy' | 'progressing' | 'warning' | 'failed' | 'completed' | 'terminating';

import type { TextStyle } from '../model/sgr.js';

/** The styles a Line or Span takes (see components/Line); colour only when the display allows it. */
export type { TextStyle };

const HEALTH_COLORS: Readonly<Record<Health, string>> = {
  healthy: 'green',
  progressing: 'cyan',
  warning: 'yellow',
  failed: 'red',
  completed: 'gray',
  terminating: 'magenta',
};

/**
 * Row style by pod health, like k9s. Without colour the STATUS text still says it all; bold marks
 * the rows that need attention and dim the ones that are finished.
 */
export function healthStyle(health: Health, display: Display): TextStyle {
  if (display.color) return { color: HEALTH_COLORS[health] };
  if (health === 'failed' || health === 'warning') return { bold: true };
  if (health === 'completed') return { dimColor: true };
  return {};
}

/** Columns the health marker takes before each pod row when there is no colour. */
export const HEALTH_MARKER_WIDTH = 1;

/** `!` before a row that needs attention (the warning glyph), a space before the others. */
export function healthMarker(health: Health, glyphs: Glyphs): Printable {
  return health === 'failed' || health === 'warning' ? glyphs.warning : p` `;
}

export function connectionStyle(connection: ConnectionState, display: Display): TextStyle {
  const bad = connection.kind === 'forbidden' || connection.kind === 'failed';
  if (!display.color) return bad ? { bold: true } : {};
  if (connection.kind === 'live') return { color: 'green' };
  return { color: bad ? 'red' : 'yellow' };
}

export function messageStyle(level: 'info' | 'warning' | 'error', display: Display): TextStyle {
  if (!display.color) return level === 'info' ? {} : { bold: true };
  if (level === 'info') return {};
  return { color: level === 'error' ? 'red' : 'yellow' };
}

const SEVERITY_COLORS: Readonly<Record<Severity, string | undefined>> = {
  ok: 'green',
  progress: 'cyan',
  warning: 'yellow',
  error: 'red',
  completed: 'gray',
  muted: undefined,
};

/** Tree lines by severity; without colour, problems are bold and finished things dim. */
export function severityStyle(severity: Severity, display: Display): TextStyle {
  if (display.color) {
    const color = SEVERITY_COLORS[severity];
    return color === undefined ? {} : { color };
  }
  if (severity === 'error' || severity === 'warning') return { bold: true };
  if (severity === 'completed') return { dimColor: true };
  return {};
}

/** Warning events in yellow, or bold without colour (they also carry a `!` marker). */
export function eventStyle(warning: boolean, display: Display): TextStyle {
  if (!warning) return {};
  return display.color ? { color: 'yellow' } : { bold: true };
}
