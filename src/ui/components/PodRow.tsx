import { memo } from 'react';
import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { healthStyle, type Health } from '../theme.js';

export interface PodRowProps {
  /** The whole row, already cut and padded to the table width. */
  line: string;
  health: Health;
  selected: boolean;
  /** Without colour: the health marker column before the row (not inverted with the selection). */
  marker?: string;
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
    <Text wrap="truncate-end">
      {marker === undefined ? null : <Text {...style}>{marker}</Text>}
      <Text {...style} inverse={selected}>
        {line}
      </Text>
    </Text>
  );
});
