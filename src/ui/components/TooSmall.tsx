import { Box, Text } from 'ink';
import type { TerminalSize } from '../layout.js';

export interface TooSmallProps {
  size: TerminalSize;
  minColumns: number;
  minRows: number;
}

/** Shown instead of a broken screen until the terminal is big enough again. */
export function TooSmall({ size, minColumns, minRows }: TooSmallProps) {
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text bold>
        terminal too small ({size.columns}x{size.rows}); need at least {minColumns}x{minRows}
      </Text>
      <Text dimColor>enlarge the window, or press q to quit</Text>
    </Box>
  );
}
