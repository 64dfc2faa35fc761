import { Box } from 'ink';
import { clean, cleanName, EMPTY, p, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { DebugProgressView, DebugRequest } from '../services.js';
import { fit } from '../text.js';
import { eventStyle, messageStyle } from '../theme.js';
import type { Region } from '../layout.js';
import { Line } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface DebugProgressProps {
  request: DebugRequest;
  progress: DebugProgressView;
  /** Why the launch failed; the panel then stays until Esc. */
  error: string | null;
  region: Region;
}

const PHASE_TEXT: Readonly<Record<DebugProgressView['phase'], Printable>> = {
  creating: p`adding the container to the pod`,
  waiting: p`waiting for it to run`,
  running: p`running, attaching`,
  terminated: p`exited before it could be attached`,
  failed: p`failed`,
};

/** The live panel while a debug container starts: its state and the pod's new events. */
export function DebugProgress({ request, progress, error, region }: DebugProgressProps) {
  const { display, glyphs } = useDisplay();

  const width = region.width;
  const copy = request.copy;
  const sep = glyphs.separator;
  // Names, reasons, messages and events come from the cluster; the request partly from the user.
  const name = progress.container === '' ? p`(name not chosen yet)` : cleanName(progress.container);
  const target = request.target === undefined ? EMPTY : p` ${sep} target ${cleanName(request.target)}`;
  const node = request.node;
  const phase =
    node !== undefined && progress.phase === 'creating'
      ? p`creating the node debugger on ${cleanName(node.name)}`
      : copy !== undefined && progress.phase === 'creating'
        ? p`creating the copy ${cleanName(copy.name)}`
        : PHASE_TEXT[progress.phase];
  const head: { text: Printable; bold?: boolean }[] = [
    { text: p`container ${name} ${sep} image ${clean(request.image)}${target}` },
    { text: p`phase     ${phase}`, bold: true },
  ];
  const message = progress.message === undefined ? undefined : clean(progress.message);
  if (progress.reason !== undefined) head.push({ text: message === undefined ? p`reason    ${cleanName(progress.reason)}` : p`reason    ${cleanName(progress.reason)}: ${message}` });
  else if (message !== undefined) head.push({ text: p`message   ${message}` });

  const footer =
    error !== null
      ? p`Esc closes`
      : node !== undefined
        ? p`Esc stops waiting (the node debugger's pod ${node.deleteAfter ? p`is deleted` : p`stays`})`
        : copy === undefined
        ? p`Esc stops waiting (the container stays and can be attached later with a)`
        : p`Esc stops waiting (the copy ${cleanName(copy.name)} ${copy.deleteAfter ? p`is deleted` : p`stays`})`;
  // Title, the head lines, a blank line, the events title, the error and the footer.
  const fixed = 1 + head.length + 2 + (error === null ? 0 : 1) + 1;
  const eventRoom = Math.max(0, region.height - fixed);
  const events = progress.events.slice(-eventRoom);
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle
        text={node !== undefined ? p`Debug node ${cleanName(node.name)} ${sep} ${clean(request.profile)} profile` : p`Debug ${cleanName(request.namespace)}/${cleanName(request.pod)} ${sep} ${clean(request.profile)} profile`}
        width={width}
        focused
      />
      {head.map((line, i) => (
        <Line key={`head-${i}`} bold={line.bold === true}>
          {fit(line.text, width, glyphs.truncated)}
        </Line>
      ))}
      <Line>{p` `}</Line>
      <Line dimColor>{fit(progress.events.length === 0 ? p`no events for it yet` : p`events (${progress.events.length})`, width, glyphs.truncated)}</Line>
      {events.map((event, i) => {
        const warning = event.type === 'Warning';
        const count = event.count > 1 ? p` ${glyphs.times}${event.count}` : EMPTY;
        return (
          <Line key={`event-${i}`} {...eventStyle(warning, display)}>
            {fit(p`${warning ? glyphs.warning : p` `} ${cleanName(event.reason)}${count}: ${clean(event.message)}`, width, glyphs.truncated)}
          </Line>
        );
      })}
      {error === null ? null : <Line {...messageStyle('error', display)}>{fit(p`failed: ${clean(error)}`, width, glyphs.truncated)}</Line>}
      <Line dimColor>{fit(footer, width, glyphs.truncated)}</Line>
    </Box>
  );
}
