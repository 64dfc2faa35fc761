import { memo } from 'react';
import type { Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { healthStyle, type Health } from '../theme.js';
import { Line, Span } from './Line.js';

export interface PodRowProps {
  /** The whole row, already cut and padded to the table width. */
  line: Printable;
  health: Health;
  selected: boolean;
  /** Without colour: the health marker column before the row (not inverted with the selection). */
  marker?: Printable;
}

/**
 * One pod line. Memoised on its finished text: a row redraws only when something it prints
 * (the object's fields, its age) or its selection changed, not on every clock tick or store event.
 */
export const PodRow = memo(function PodRow({ line, health, selected, marker }: PodRowProps) {
  const { display } = useDisplay();
  const style = healthStyle(health, display);
  // Inverse video marks the selection with or without colour.
  return (
    <Line>
      {marker === undefined ? null : <Span {...style}>{marker}</Span>}
      <Span {...style} inverse={selected}>
        {line}
      </Span>
    </Line>
  );
});
