import type { ConnectionState } from '../kube/resourceStore.js';
import type { Display } from './glyphs.js';

export type Health = 'healthy' | 'progressing' | 'warning' | 'failed' | 'completed' | 'terminating';

/** The Ink <Text> props that style a piece of text; colour only when the display allows it. */
export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
}

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
