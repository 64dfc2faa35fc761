import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { fitPadded } from '../text.js';

export interface PaneTitleProps {
  text: string;
  width: number;
  focused: boolean;
}

/**
 * A pane's first line. The focused pane's title is bold and underlined (readable without colour);
 * inverse video is kept for the selected line alone.
 */
export function PaneTitle({ text, width, focused }: PaneTitleProps) {
  const { glyphs } = useDisplay();
  return (
    <Text bold={focused} underline={focused} dimColor={!focused} wrap="truncate-end">
      {fitPadded(text, width, glyphs.truncated)}
    </Text>
  );
}
