import type { Severity } from '../../model/containerTree.js';

const SEVERITY_COLOURS: Record<Severity, string> = {
  ok: '32',
  progress: '36',
  warning: '33',
  error: '31',
  completed: '2',
  muted: '2',
};

/** Colours a whole line by severity; the identity when colour is off. */
export function paint(text: string, severity: Severity, colour: boolean): string {
  return colour ? `\x1b[${SEVERITY_COLOURS[severity]}m${text}\x1b[0m` : text;
}
