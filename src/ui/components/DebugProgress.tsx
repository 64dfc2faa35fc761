import { Box, Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { DebugProgressView, DebugRequest } from '../services.js';
import { fit, singleLine } from '../text.js';
import { eventStyle, messageStyle } from '../theme.js';
import type { Region } from '../layout.js';
import { PaneTitle } from './PaneTitle.js';

export interface DebugProgressProps {
  request: DebugRequest;
  progress: DebugProgressView;
  /** Why the launch failed; the panel then stays until Esc. */
  error: string | null;
  region: Region;
}

const PHASE_TEXT: Readonly<Record<DebugProgressView['phase'], string>> = {
  creating: 'adding the container to the pod',
  waiting: 'waiting for it to run',
  running: 'running, attaching',
  terminated: 'exited before it could be attached',
  failed: 'failed',
};

/** The live panel while a debug container starts: its state and the pod's new events. */
export function DebugProgress({ request, progress, error, region }: DebugProgressProps) {
  const { display, glyphs } = useDisplay();

  const width = region.width;
  const copy = request.copy;
  const name = progress.container === '' ? '(name not chosen yet)' : progress.container;
  const head: { text: string; bold?: boolean }[] = [
    { text: `container ${name} ${glyphs.separator} image ${request.image}${request.target === undefined ? '' : ` ${glyphs.separator} target ${request.target}`}` },
    { text: `phase     ${copy !== undefined && progress.phase === 'creating' ? `creating the copy ${copy.name}` : PHASE_TEXT[progress.phase]}`, bold: true },
  ];
  if (progress.reason !== undefined) head.push({ text: `reason    ${progress.reason}${progress.message === undefined ? '' : `: ${progress.message}`}` });
  else if (progress.message !== undefined) head.push({ text: `message   ${progress.message}` });

  const footer = error !== null ? 'Esc closes' : copy === undefined ? 'Esc stops waiting (the container stays and can be attached later with a)' : `Esc stops waiting (the copy ${copy.name} ${copy.deleteAfter ? 'is deleted' : 'stays'})`;
  // Title, the head lines, a blank line, the events title, the error and the footer.
  const fixed = 1 + head.length + 2 + (error === null ? 0 : 1) + 1;
  const eventRoom = Math.max(0, region.height - fixed);
  const events = progress.events.slice(-eventRoom);
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle text={`Debug ${request.namespace}/${request.pod} ${glyphs.separator} ${request.profile} profile`} width={width} focused />
      {head.map((line, i) => (
        <Text key={`head-${i}`} bold={line.bold === true} wrap="truncate-end">
          {fit(singleLine(line.text), width, glyphs.truncated)}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        {fit(progress.events.length === 0 ? 'no events for it yet' : `events (${progress.events.length})`, width, glyphs.truncated)}
      </Text>
      {events.map((event, i) => {
        const warning = event.type === 'Warning';
        const count = event.count > 1 ? ` ${glyphs.times}${event.count}` : '';
        return (
          <Text key={`event-${i}`} {...eventStyle(warning, display)} wrap="truncate-end">
            {fit(singleLine(`${warning ? glyphs.warning : ' '} ${event.reason}${count}: ${event.message}`), width, glyphs.truncated)}
          </Text>
        );
      })}
      {error === null ? null : (
        <Text {...messageStyle('error', display)} wrap="truncate-end">
          {fit(singleLine(`failed: ${error}`), width, glyphs.truncated)}
        </Text>
      )}
      <Text dimColor wrap="truncate-end">
        {fit(footer, width, glyphs.truncated)}
      </Text>
    </Box>
  );
}
