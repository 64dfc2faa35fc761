import { Box, Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { helpGroups, keyLabel, keymap, type BindingState, type HelpGroup, type KeyBinding } from '../keymap.js';
import type { Region } from '../layout.js';
import { fit, fitPadded, singleLine } from '../text.js';
import { PaneTitle } from './PaneTitle.js';

export interface HelpOverlayProps {
  region: Region;
  scrollTop: number;
  /** The bindings offered (hidden ones left out); default the whole keymap. */
  bindings?: readonly KeyBinding[];
  bindingState?: BindingState;
}

interface HelpLine {
  kind: 'group' | 'binding' | 'blank';
  keys: string;
  text: string;
}

/** Every binding, grouped by where it applies, as lines. */
export function helpLines(groups: readonly HelpGroup[], unicode: boolean, state?: BindingState): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const group of groups) {
    if (lines.length > 0) lines.push({ kind: 'blank', keys: '', text: '' });
    lines.push({ kind: 'group', keys: '', text: group.title });
    for (const binding of group.bindings) {
      lines.push({ kind: 'binding', keys: binding.keys.map((k) => keyLabel(k, unicode)).join(' '), text: binding.description });
      // On a line of its own: a reason from the server is long, and the description must stay readable.
      const disabled = state?.(binding.command).disabled;
      if (disabled !== undefined) lines.push({ kind: 'binding', keys: '', text: `(disabled: ${singleLine(disabled)})` });
    }
  }
  return lines;
}

const KEYS_WIDTH = 18;

/** `?`: every key with what it does. j/k scroll it; Esc, `?` or q close it (explorer/keys/overlayKeys). */
export function HelpOverlay({ region, scrollTop, bindings = keymap, bindingState }: HelpOverlayProps) {
  const { display, glyphs } = useDisplay();
  const lines = helpLines(helpGroups(bindings), display.unicode, bindingState);
  const viewport = Math.max(1, region.height - 1);
  const maxTop = Math.max(0, lines.length - viewport);
  const top = Math.min(scrollTop, maxTop);


  const more = maxTop > 0 ? ` (${top + 1}-${Math.min(lines.length, top + viewport)} of ${lines.length}, j/k scroll)` : '';
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={`Keys${more} ${glyphs.separator} Esc, ? or q to close`} width={region.width} focused />
      {lines.slice(top, top + viewport).map((line, i) => {
        if (line.kind === 'group') {
          return (
            <Text key={i} bold wrap="truncate-end">
              {fit(line.text, region.width, glyphs.truncated)}
            </Text>
          );
        }
        const keys = fitPadded(`  ${line.keys}`, Math.min(KEYS_WIDTH, region.width), glyphs.truncated);
        return (
          <Text key={i} wrap="truncate-end">
            <Text bold>{keys}</Text>
            {fit(line.text, Math.max(0, region.width - KEYS_WIDTH), glyphs.truncated)}
          </Text>
        );
      })}
    </Box>
  );
}
