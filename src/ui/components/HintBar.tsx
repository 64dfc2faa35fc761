import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { hintsFor, keymap, type BindingState, type Hint, type KeyBinding } from '../keymap.js';
import { fit, singleLine, textWidth } from '../text.js';

export interface HintBarProps {
  width: number;
  bindings?: readonly KeyBinding[];
  /** Greys out the keys that cannot work here, with the reason. */
  bindingState?: BindingState;
  /** Hints to show instead of the bindings' (e.g. while a prompt has the keyboard). */
  hints?: readonly Hint[];
}

const HINT_GAP = '  ';
/** A reason cut shorter than this says nothing; the hint is then left out like any that does not fit. */
const MIN_REASON = 12;

/** The keys worth knowing, from the keymap, as many as fit on one line; disabled ones say why. */
export function HintBar({ width, bindings = keymap, bindingState, hints }: HintBarProps) {
  const { display, glyphs } = useDisplay();
  const shown: Hint[] = [];
  let used = 0;
  for (const hint of hints ?? hintsFor(bindings, display.unicode, bindingState)) {
    const gap = shown.length > 0 ? HINT_GAP.length : 0;
    const base = textWidth(hint.keys) + 1 + textWidth(hint.label);
    if (hint.disabled === undefined) {
      if (used + gap + base > width) break;
      shown.push(hint);
      used += gap + base;
      continue;
    }
    // ` (` + reason + `)`
    const room = width - used - gap - base - 3;
    if (room < Math.min(MIN_REASON, textWidth(singleLine(hint.disabled)))) break;
    const reason = fit(singleLine(hint.disabled), room, glyphs.truncated);
    shown.push({ ...hint, disabled: reason });
    used += gap + base + 3 + textWidth(reason);
  }
  return (
    <Text wrap="truncate-end">
      {shown.map((h, i) => (
        <Text key={h.label}>
          {i > 0 ? HINT_GAP : ''}
          {h.disabled === undefined ? (
            <>
              <Text bold>{h.keys}</Text> <Text dimColor>{h.label}</Text>
            </>
          ) : (
            <Text dimColor>
              {h.keys} {h.label}
            </Text>
          )}
          {h.disabled === undefined ? null : <Text dimColor>{` (${h.disabled})`}</Text>}
        </Text>
      ))}
    </Text>
  );
}
