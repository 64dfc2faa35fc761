import { Text } from 'ink';
import type { Pod } from '../../model/apiObjects.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { StatusMessage } from '../state.js';
import { fit, singleLine } from '../text.js';
import { messageStyle } from '../theme.js';

export interface StatusLineProps {
  message: StatusMessage | null;
  /** The selected pod, described when there is no message. */
  selected: Pod | undefined;
  width: number;
}

/** Where the pod runs: handy at 80 columns, where the table has no room for NODE and IP. */
function describe(pod: Pod, separator: string): string {
  const parts = [`${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`];
  if (pod.spec?.nodeName !== undefined) parts.push(`node ${pod.spec.nodeName}`);
  const ip = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
  if (ip !== undefined) parts.push(`ip ${ip}`);
  return parts.join(` ${separator} `);
}

/** One line: the latest message, else what is selected. */
export function StatusLine({ message, selected, width }: StatusLineProps) {
  const { display, glyphs } = useDisplay();
  if (message !== null) {
    return (
      <Text {...messageStyle(message.level, display)} wrap="truncate-end">
        {fit(singleLine(message.text), width, glyphs.truncated)}
      </Text>
    );
  }
  const text = selected === undefined ? '' : describe(selected, glyphs.separator);
  return (
    <Text dimColor wrap="truncate-end">
      {fit(text, width, glyphs.truncated)}
    </Text>
  );
}
