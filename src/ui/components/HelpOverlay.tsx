import { Box } from 'ink';
import { clean, EMPTY, p, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { helpGroups, keyLabel, keymap, type BindingState, type HelpGroup, type KeyBinding } from '../keymap.js';
import type { Region } from '../layout.js';
import { fit, fitPadded } from '../text.js';
import { Line, Span } from './Line.js';
import { PaneTitle } from './PaneTitle.js';
import { LOG_VIEW_KEYS } from '../logs/logViewKeys.js';

export interface HelpOverlayProps {
  region: Region;
  scrollTop: number;
  /** The bindings offered (hidden ones left out); default the whole keymap. */
  bindings?: readonly KeyBinding[];
  bindingState?: BindingState;
  /** Where the CPU and MEM columns come from, or why they are not there (model/usage usageStatusText). */
  usage?: Printable;
}

interface HelpLine {
  kind: 'group' | 'binding' | 'blank';
  keys: Printable;
  text: Printable;
}

/** Every binding, grouped by where it applies, as lines. */
export function helpLines(groups: readonly HelpGroup[], unicode: boolean, state?: BindingState): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const group of groups) {
    if (lines.length > 0) lines.push({ kind: 'blank', keys: EMPTY, text: EMPTY });
    lines.push({ kind: 'group', keys: EMPTY, text: clean(group.title) });
    for (const binding of group.bindings) {
      lines.push({ kind: 'binding', keys: clean(binding.keys.map((k) => keyLabel(k, unicode)).join(' ')), text: clean(binding.description) });
      // On a line of its own: a reason from the server is long, and the description must stay readable.
      const disabled = state?.(binding.command).disabled;
      if (disabled !== undefined) lines.push({ kind: 'binding', keys: EMPTY, text: p`(disabled: ${clean(disabled)})` });
    }
  }
  return lines;
}

/** Everything the help screen lists: the keymap's groups, the log view's keys, then where CPU/MEM come from. */
export function helpScreenLines(bindings: readonly KeyBinding[], unicode: boolean, state?: BindingState, usage?: Printable): HelpLine[] {
  const usageLines: HelpLine[] =
    usage === undefined
      ? []
      : [
          { kind: 'blank', keys: EMPTY, text: EMPTY },
          { kind: 'group', keys: EMPTY, text: p`Usage (CPU, MEM)` },
          { kind: 'binding', keys: EMPTY, text: usage },
        ];
  return [...helpLines(helpGroups(bindings), unicode, state), ...logViewLines(), ...usageLines];
}

/** The log view's keys: not explorer commands, but where else would one look them up. */
function logViewLines(): HelpLine[] {
  return [
    { kind: 'blank', keys: EMPTY, text: EMPTY },
    { kind: 'group', keys: EMPTY, text: p`Log view (l)` },
    ...LOG_VIEW_KEYS.map((key): HelpLine => ({ kind: 'binding', keys: clean(key.keys), text: clean(key.description) })),
  ];
}

const KEYS_WIDTH = 18;

/** `?`: every key with what it does. j/k scroll it; Esc, `?` or q close it (explorer/keys/overlayKeys). */
export function HelpOverlay({ region, scrollTop, bindings = keymap, bindingState, usage }: HelpOverlayProps) {
  const { display, glyphs } = useDisplay();
  const lines = helpScreenLines(bindings, display.unicode, bindingState, usage);
  const viewport = Math.max(1, region.height - 1);
  const maxTop = Math.max(0, lines.length - viewport);
  const top = Math.min(scrollTop, maxTop);

  const more = maxTop > 0 ? p` (${top + 1}-${Math.min(lines.length, top + viewport)} of ${lines.length}, j/k scroll)` : EMPTY;
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={p`Keys${more} ${glyphs.separator} Esc, ? or q to close`} width={region.width} focused />
      {lines.slice(top, top + viewport).map((line, i) => {
        if (line.kind === 'group') {
          return (
            <Line key={i} bold>
              {fit(line.text, region.width, glyphs.truncated)}
            </Line>
          );
        }
        const keys = fitPadded(p`  ${line.keys}`, Math.min(KEYS_WIDTH, region.width), glyphs.truncated);
        return (
          <Line key={i}>
            <Span bold>{keys}</Span>
            {fit(line.text, Math.max(0, region.width - KEYS_WIDTH), glyphs.truncated)}
          </Line>
        );
      })}
    </Box>
  );
}
