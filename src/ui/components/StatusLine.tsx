import { clean, cleanName, joinPrintable, p, type Printable } from '../../model/printable.js';
import type { V1Pod } from '@kubernetes/client-node';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { StatusMessage } from '../state.js';
import { fit } from '../text.js';
import { messageStyle } from '../theme.js';
import { Line } from './Line.js';

export interface StatusLineProps {
  message: StatusMessage | null;
  /** The selected pod, described when there is no message. */
  selected: V1Pod | undefined;
  width: number;
}

/** Where the pod runs: handy at 80 columns, where the table has no room for NODE and IP. */
function describe(pod: V1Pod, separator: Printable): Printable {
  const parts = [p`${cleanName(pod.metadata?.namespace)}/${cleanName(pod.metadata?.name)}`];
  if (pod.spec?.nodeName !== undefined) parts.push(p`node ${cleanName(pod.spec.nodeName)}`);
  const ip = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
  if (ip !== undefined) parts.push(p`ip ${cleanName(ip)}`);
  return joinPrintable(parts, p` ${separator} `);
}

/** One line: the latest message, else what is selected. */
export function StatusLine({ message, selected, width }: StatusLineProps) {
  const { display, glyphs } = useDisplay();
  if (message !== null) {
    // Messages are composed of our words and the cluster's (names, server errors): cleaned as a line.
    return <Line {...messageStyle(message.level, display)}>{fit(clean(message.text), width, glyphs.truncated)}</Line>;
  }
  const text = selected === undefined ? p`` : describe(selected, glyphs.separator);
  return <Line dimColor>{fit(text, width, glyphs.truncated)}</Line>;
}
