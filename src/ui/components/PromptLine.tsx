import { clean, EMPTY, joinPrintable, p } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { fit, fitEnd, textWidth } from '../text.js';
import { Line, Span } from './Line.js';

export interface PromptLineProps {
  /** `/` for the filter, `:` for the command line. */
  prompt: string;
  /** What was typed (a paste may have brought anything: it is shown cleaned). */
  text: string;
  /** Shown after the input, e.g. how to leave it. */
  help: string;
  width: number;
}

/** The status line while text is typed; the end of long input stays in view. */
export function PromptLine({ prompt, text, help, width }: PromptLineProps) {
  const { glyphs } = useDisplay();
  const shownPrompt = clean(prompt);
  const typed = joinPrintable([clean(text), glyphs.caret]);
  const input = joinPrintable([shownPrompt, typed]);
  const room = Math.max(0, width - textWidth(shownPrompt));
  const shown = textWidth(input) <= width ? input : joinPrintable([shownPrompt, fitEnd(typed, room, EMPTY)]);
  const rest = width - textWidth(shown) - 2;
  return (
    <Line>
      <Span bold>{fit(shown, width, glyphs.truncated)}</Span>
      {rest > 8 ? <Span dimColor>{p`  ${fit(clean(help), rest, glyphs.truncated)}`}</Span> : null}
    </Line>
  );
}
