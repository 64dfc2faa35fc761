import { clean, p, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { hintsFor, keymap, type BindingState, type Hint, type KeyBinding } from '../keymap.js';
import { fit, textWidth } from '../text.js';
import { Line, Span } from './Line.js';

export interface HintBarProps {
  width: number;
  bindings?: readonly KeyBinding[];
  /** Greys out the keys that cannot work here, with the reason. */
  bindingState?: BindingState;
  /** Hints to show instead of the bindings' (e.g. while a prompt has the keyboard). */
  hints?: readonly Hint[];
}

const HINT_GAP = p`  `;
const SPACE = p` `;

/** A hint as drawn: the keymap's own words, and a reason (often the server's) cut to fit. */
interface ShownHint {
  keys: Printable;
  label: Printable;
  disabled?: Printable;
}
/** A reason cut shorter than this says nothing; the hint is then left out like any that does not fit. */
const MIN_REASON = 12;

/** The keys worth knowing, from the keymap, as many as fit on one line; disabled ones say why. */
export function HintBar({ width, bindings = keymap, bindingState, hints }: HintBarProps) {
  const { display, glyphs } = useDisplay();
  const shown: ShownHint[] = [];
  let used = 0;
  for (const hint of hints ?? hintsFor(bindings, display.unicode, bindingState)) {
    const keys = clean(hint.keys);
    const label = clean(hint.label);
    const gap = shown.length > 0 ? HINT_GAP.length : 0;
    const base = textWidth(keys) + 1 + textWidth(label);
    if (hint.disabled === undefined) {
      if (used + gap + base > width) break;
      shown.push({ keys, label });
      used += gap + base;
      continue;
    }
    // ` (` + reason + `)`
    const room = width - used - gap - base - 3;
    const why = clean(hint.disabled);
    if (room < Math.min(MIN_REASON, textWidth(why))) break;
    const reason = fit(why, room, glyphs.truncated);
    shown.push({ keys, label, disabled: reason });
    used += gap + base + 3 + textWidth(reason);
  }
  return (
    <Line>
      {shown.map((h, i) => (
        <Span key={h.label}>
          {i > 0 ? HINT_GAP : null}
          {h.disabled === undefined ? (
            <>
              <Span bold>{h.keys}</Span>
              {SPACE}
              <Span dimColor>{h.label}</Span>
            </>
          ) : (
            <Span dimColor>{p`${h.keys} ${h.label}`}</Span>
          )}
          {h.disabled === undefined ? null : <Span dimColor>{p` (${h.disabled})`}</Span>}
        </Span>
      ))}
    </Line>
  );
}
