import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { fit, textWidth } from '../text.js';

export interface PromptLineProps {
  /** `/` for the filter, `:` for the command line. */
  prompt: string;
  text: string;
  /** Shown after the input, e.g. how to leave it. */
  help: string;
  width: number;
}

/** The status line while text is typed; the end of long input stays in view. */
export function PromptLine({ prompt, text, help, width }: PromptLineProps) {
  const { glyphs } = useDisplay();
  const input = `${prompt}${text}${glyphs.caret}`;
  const room = Math.max(0, width - textWidth(prompt));
  const shown = textWidth(input) <= width ? input : prompt + [...`${text}${glyphs.caret}`].slice(-room).join('');
  const rest = width - textWidth(shown) - 2;
  return (
    <Text wrap="truncate-end">
      <Text bold>{fit(shown, width, glyphs.truncated)}</Text>
      {rest > 8 ? <Text dimColor>{`  ${fit(help, rest, glyphs.truncated)}`}</Text> : null}
    </Text>
  );
}
