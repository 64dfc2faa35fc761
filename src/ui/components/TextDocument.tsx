import { useMemo, useState } from 'react';
import { Box, type Key } from 'ink';
import { clean, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useKeys } from '../input/KeyInput.js';
import type { Region } from '../layout.js';
import { documentRows, highlight, matchingLines, nextMatch } from '../textDocument.js';
import { fit, fitPadded } from '../text.js';
import { Line, Span } from './Line.js';

export interface TextDocumentProps {
  /** First line: what is shown (`Describe lab/web`). */
  title: Printable;
  /** Second line: state (live, refreshing, the pod is gone, an error) — may be empty. */
  status: Printable;
  lines: readonly Printable[];
  region: Region;
  /** The document's own keys for the footer (`m managedFields  s save`). */
  keysHelp: Printable;
  initialWrap: boolean;
  onClose(): void;
  /** Keys of the document itself (m, s); return true when taken. */
  onKey?(input: string, key: Key): boolean;
}

type Mode = { kind: 'read' } | { kind: 'search'; text: string };

/**
 * A scrollable, searchable text (describe, YAML) in the body area: j/k, PgUp/PgDn/Space, g/G scroll,
 * `/` searches (Enter keeps, Esc drops), n/N go to the next/previous match, w wraps long lines,
 * Esc or q closes. Every line is Printable: cleaned where it came from.
 */
export function TextDocument({ title, status, lines, region, keysHelp, initialWrap, onClose, onKey }: TextDocumentProps) {
  const { glyphs, display } = useDisplay();
  const [top, setTop] = useState(0);
  const [wrap, setWrap] = useState(initialWrap);
  const [mode, setMode] = useState<Mode>({ kind: 'read' });
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);

  const width = Math.max(1, region.width);
  const viewport = Math.max(1, region.height - 3);
  const rows = useMemo(() => documentRows(lines, width, wrap, glyphs.truncated), [lines, width, wrap, glyphs.truncated]);
  const matches = useMemo(() => matchingLines(lines, query), [lines, query]);
  const maxTop = Math.max(0, rows.length - viewport);
  const shownTop = Math.min(top, maxTop);

  const scrollTo = (row: number): void => setTop(Math.max(0, Math.min(maxTop, row)));
  const goToLine = (line: number): void => {
    if (line < 0) return;
    setCurrent(line);
    const row = rows.findIndex((candidate) => candidate.line === line);
    // The match a third of the way down: it reads with what comes before it.
    if (row >= 0 && (row < shownTop || row >= shownTop + viewport)) scrollTo(row - Math.floor(viewport / 3));
  };

  useKeys((input, key) => {
    if (mode.kind === 'search') {
      if (key.return) {
        setQuery(mode.text);
        setMode({ kind: 'read' });
        goToLine(nextMatch(matchingLines(lines, mode.text), (rows[shownTop]?.line ?? 0) - 1, 1));
      } else if (key.escape) setMode({ kind: 'read' });
      else if (key.backspace || key.delete) setMode({ kind: 'search', text: [...mode.text].slice(0, -1).join('') });
      else if (!key.ctrl && !key.meta && !key.tab && input !== '') {
        const typed = [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f').join('');
        if (typed !== '') setMode({ kind: 'search', text: mode.text + typed });
      }
      return;
    }
    if (onKey?.(input, key) === true) return;
    if (key.escape || input === 'q') onClose();
    else if (input === 'j' || key.downArrow) scrollTo(shownTop + 1);
    else if (input === 'k' || key.upArrow) scrollTo(shownTop - 1);
    else if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) scrollTo(shownTop + viewport - 1);
    else if (key.pageUp || (key.ctrl && input === 'b')) scrollTo(shownTop - viewport + 1);
    else if (input === 'g' || key.home) scrollTo(0);
    else if (input === 'G' || key.end) scrollTo(maxTop);
    else if (input === '/') setMode({ kind: 'search', text: '' });
    else if (input === 'n') goToLine(nextMatch(matches, current < 0 ? (rows[shownTop]?.line ?? 0) - 1 : current, 1));
    else if (input === 'N') goToLine(nextMatch(matches, current < 0 ? (rows[shownTop]?.line ?? 0) : current, -1));
    else if (input === 'w') setWrap(!wrap);
  });

  const position = rows.length > viewport ? ` (${shownTop + 1}-${Math.min(rows.length, shownTop + viewport)} of ${rows.length})` : '';
  const heading = clean(`${title}${position} ${glyphs.separator} Esc back`);
  let footer: Printable;
  if (mode.kind === 'search') footer = clean(`/${mode.text}${glyphs.caret}  Enter find  Esc cancel`);
  else if (query !== '') footer = clean(`/${query}: ${matches.length === 0 ? 'no match' : `${matches.indexOf(current) + 1}/${matches.length}`}  n/N next/previous  ${keysHelp}`);
  else footer = clean(`j/k ${display.unicode ? '↑/↓' : 'Up/Down'} PgUp/PgDn g/G scroll  / search  w wrap ${wrap ? 'off' : 'on'}  ${keysHelp}`);

  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <Line bold underline>
        {fitPadded(heading, width, glyphs.truncated)}
      </Line>
      <Line dimColor>{fit(status, width, glyphs.truncated)}</Line>
      <Box flexDirection="column" height={viewport}>
        {rows.slice(shownTop, shownTop + viewport).map((row, index) => (
          <Line key={`${shownTop + index}`} inverse={false} bold={row.line === current}>
            {highlight(fit(row.text, width, glyphs.truncated), query).map((piece, i) =>
              piece.match ? (
                <Span key={i} inverse>
                  {piece.text}
                </Span>
              ) : (
                <Span key={i}>{piece.text}</Span>
              ),
            )}
          </Line>
        ))}
      </Box>
      <Line dimColor>{fit(footer, width, glyphs.truncated)}</Line>
    </Box>
  );
}
