import { highlightRow, type LogRow } from '../../model/logView.js';
import { Line, Span } from '../components/Line.js';

/** One row of the log view: its prefix (pod or container, in its colour), then the line with search hits marked. */
export function LogLine({ row, search, color, prefixColor }: { row: LogRow; search: string; color: boolean; prefixColor: string | undefined }) {
  const prefix = row.prefix === '' ? null : <Span {...(color && prefixColor !== undefined ? { color: prefixColor } : {})}>{row.prefix}</Span>;
  if (row.kind === 'marker') {
    return (
      <Line dimColor>
        {prefix}
        {row.text}
      </Line>
    );
  }
  // Colours the sanitiser kept are styles here, never escape sequences handed to Ink.
  return (
    <Line>
      {prefix}
      {highlightRow(row, search).map((piece, i) => (
        <Span key={i} {...piece.style}>
          {piece.text}
        </Span>
      ))}
    </Line>
  );
}
