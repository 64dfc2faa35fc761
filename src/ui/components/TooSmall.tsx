import { Box } from 'ink';
import { p } from '../../model/printable.js';
import type { TerminalSize } from '../layout.js';
import { Line } from './Line.js';

export interface TooSmallProps {
  size: TerminalSize;
  minColumns: number;
  minRows: number;
}

/** Shown instead of a broken screen until the terminal is big enough again. */
export function TooSmall({ size, minColumns, minRows }: TooSmallProps) {
  return (
    <Box flexDirection="column" width={size.columns}>
      <Line bold wrap="wrap">
        {p`terminal too small (${size.columns}x${size.rows}); need at least ${minColumns}x${minRows}`}
      </Line>
      <Line dimColor wrap="wrap">
        {p`enlarge the window, or press q to quit`}
      </Line>
    </Box>
  );
}
