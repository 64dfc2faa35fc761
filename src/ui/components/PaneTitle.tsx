import type { Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { fitPadded } from '../text.js';
import { Line } from './Line.js';

export interface PaneTitleProps {
  text: Printable;
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
    <Line bold={focused} underline={focused} dimColor={!focused}>
      {fitPadded(text, width, glyphs.truncated)}
    </Line>
  );
}
