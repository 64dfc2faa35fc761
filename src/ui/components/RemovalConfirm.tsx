import { Box } from 'ink';
import { clean, p, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useKeys } from '../input/KeyInput.js';
import type { Region } from '../layout.js';
import type { PodRef } from '../services.js';
import { fit, wrapWords } from '../text.js';
import { Line } from './Line.js';

export interface RemovalConfirmProps {
  pod: PodRef;
  removal: 'delete' | 'kill';
  gracePeriodSeconds: number;
  /** `ReplicaSet/frontend-7c8`: a controller starts a replacement. */
  owner?: string;
  typed: string;
  region: Region;
  onType(typed: string): void;
  onConfirm(): void;
  onCancel(): void;
}

const KILL_WORD = 'kill';

/**
 * What a delete or kill will do, named exactly (namespace/pod, grace period, what comes after),
 * before it is done. Delete: Enter or y. Kill (grace 0, forced): type `kill`, then Enter.
 */
export function RemovalConfirm({ pod, removal, gracePeriodSeconds, owner, typed, region, onType, onConfirm, onCancel }: RemovalConfirmProps) {
  const { glyphs } = useDisplay();
  const width = Math.max(1, region.width);
  const name = clean(`${pod.namespace}/${pod.name}`);
  const kill = removal === 'kill';

  useKeys((input, key) => {
    if (key.escape || (!kill && input === 'n')) onCancel();
    else if (!kill && (key.return || input === 'y')) onConfirm();
    else if (kill && key.return) {
      if (typed === KILL_WORD) onConfirm();
    } else if (kill && (key.backspace || key.delete)) onType(typed.slice(0, -1));
    else if (kill && !key.ctrl && !key.meta && /^[a-z]$/.test(input)) onType((typed + input).slice(0, KILL_WORD.length + 2));
  });

  const lines: Printable[] = kill
    ? [
        p`Kill pod ${name}? Grace period 0, forced.`,
        p`It is removed from the API at once, without waiting for its containers to stop; they may keep running on the node for a while.`,
      ]
    : [
        p`Delete pod ${name}? Grace period ${gracePeriodSeconds}s.`,
        p`Its containers get SIGTERM now and SIGKILL after ${gracePeriodSeconds}s; the pod shows Terminating until they have stopped.`,
      ];
  if (owner !== undefined) lines.push(p`It belongs to ${clean(owner)}, which will start a replacement.`);
  lines.push(clean(''));
  lines.push(kill ? clean(`Type ${KILL_WORD} and press Enter to kill it, Esc cancels:  > ${typed}${glyphs.caret}`) : p`Enter or y deletes it, Esc or n cancels.`);
  const wrapped = lines.flatMap((line) => (line === '' ? [line] : wrapWords(line, width, 3, glyphs.truncated).map((part) => clean(part))));
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <Line bold underline>
        {fit(kill ? p`Kill pod` : p`Delete pod`, width, glyphs.truncated)}
      </Line>
      {wrapped.map((line, index) => (
        <Line key={index} bold={index === 0}>
          {line}
        </Line>
      ))}
    </Box>
  );
}
