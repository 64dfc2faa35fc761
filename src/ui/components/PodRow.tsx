import { memo } from 'react';
import { Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { healthStyle, type Health } from '../theme.js';

export interface PodRowProps {
  /** The whole row, already cut and padded to the table width. */
  line: string;
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
    <Text {...healthStyle(health, display)} inverse={selected} wrap="truncate-end">
      {line}
    </Text>
  );
});
