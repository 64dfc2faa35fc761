import type { ReactElement, ReactNode } from 'react';
// The only module that may hand strings to Ink's <Text> (test/boundary/printableBoundary.test.ts checks it).
import { Text } from 'ink';
import { cleanName, isPrintable, type Printable } from '../../model/printable.js';
import type { TextStyle } from '../../model/sgr.js';

/** What styles a piece of text: Ink's <Text> props, colour only where the display allows it. */
export type LineStyle = TextStyle;

/** What a Line may hold: Printable text, numbers, Spans, nothing — never a plain string. */
export type LineContent = Printable | number | ReactElement | null | false | undefined | readonly LineContent[];

export interface LineProps extends LineStyle {
  /** Printable text, or Spans (nested pieces with styles of their own). */
  children?: LineContent;
  /** Lines never wrap unless asked: a row is one terminal line. */
  wrap?: 'truncate-end' | 'wrap';
}

/**
 * Defence in depth: the type checker keeps raw text out, and this keeps out what a cast forged
 * (`x as Printable`) or an `any` let through. Text that is already printable (all of it, when the
 * types hold) goes through untouched, after one check.
 */
function recleaned(children: LineContent): ReactNode {
  if (typeof children === 'string') return isPrintable(children) ? children : cleanName(children);
  if (Array.isArray(children)) return children.map((child: LineContent) => recleaned(child));
  return children as ReactNode;
}

/**
 * One line of text on screen. Takes only Printable (text cleaned at the boundary) or Spans, so raw
 * cluster text cannot reach the terminal through the UI.
 */
export function Line({ children, wrap = 'truncate-end', ...style }: LineProps) {
  return (
    <Text {...style} wrap={wrap}>
      {recleaned(children)}
    </Text>
  );
}

export interface SpanProps extends LineStyle {
  children?: LineContent;
}

/** A styled piece inside a Line. */
export function Span({ children, ...style }: SpanProps) {
  return <Text {...style}>{recleaned(children)}</Text>;
}
