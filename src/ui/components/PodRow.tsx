import { memo } from 'react';
import type { Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { healthStyle, type Health } from '../theme.js';
import { Line } from './Line.js';

export interface PodRowProps {
  /** The whole row, already cut and padded to the table width. */
  line: Printable;
  health: Health;
  selected: boolean;
}

/**
 * One pod line. Memoised on its finished text: a row redraws only when something it prints
 * (the object's fields, its age) or its selection changed, not on every clock tick or store event.
 */
export const PodRow = memo(function PodRow({ line, health, selected }: PodRowProps) {
  const { display } = useDisplay();
  // Inverse video marks the selection with or without colour.
  return (
    <Line {...healthStyle(health, display)} inverse={selected}>
      {line}
    </Line>
  );
});
