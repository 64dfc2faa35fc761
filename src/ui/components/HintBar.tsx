import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { hintsFor, keymap, type Hint, type KeyBinding } from '../keymap.js';
import { textWidth } from '../text.js';

export interface HintBarProps {
  width: number;
  bindings?: readonly KeyBinding[];
  /** Hints to show instead of the bindings' (e.g. while a prompt has the keyboard). */
  hints?: readonly Hint[];
}

const HINT_GAP = '  ';

/** The keys worth knowing, from the keymap, as many as fit on one line. */
export function HintBar({ width, bindings = keymap, hints }: HintBarProps) {
  const { display } = useDisplay();
  const shown: { keys: string; label: string }[] = [];
  let used = 0;
  for (const hint of hints ?? hintsFor(bindings, display.unicode)) {
    const w = textWidth(hint.keys) + 1 + textWidth(hint.label) + (shown.length > 0 ? HINT_GAP.length : 0);
    if (used + w > width) break;
    shown.push(hint);
    used += w;
  }
  return (
    <Text wrap="truncate-end">
      {shown.map((h, i) => (
        <Text key={h.label}>
          {i > 0 ? HINT_GAP : ''}
          <Text bold>{h.keys}</Text> <Text dimColor>{h.label}</Text>
        </Text>
      ))}
    </Text>
  );
}
