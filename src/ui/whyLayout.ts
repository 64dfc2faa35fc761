import type { Arrangement } from './layout.js';

/** How wide the WHY line is: the whole body under a stacked table, the detail column beside a wide one. */
export function whyWidth(arrangement: Arrangement | undefined): number {
  if (arrangement === undefined) return 0;
  return arrangement.kind === 'side' ? arrangement.detailWidth : arrangement.detail.width;
}

/**
 * The most WHY lines the detail pane gives up: half of it, so the tree keeps the other half (a
 * real diagnosis needs two or three lines; only a hostile name fills more, and is then cut).
 */
export function whyLineBudget(arrangement: Arrangement | undefined): number {
  if (arrangement === undefined) return 0;
  const pane = arrangement.kind === 'side' ? arrangement.tree : arrangement.detail;
  return Math.min(Math.max(0, pane.height - 2), Math.ceil(pane.height / 2));
}

/** The arrangement with `lines` rows taken from the top of the detail pane (the tree, beside a wide table) for the WHY line. */
export function withWhyLines(arrangement: Arrangement, lines: number): Arrangement {
  if (lines <= 0) return arrangement;
  if (arrangement.kind === 'side') return { ...arrangement, tree: { ...arrangement.tree, height: arrangement.tree.height - lines } };
  return { ...arrangement, detail: { ...arrangement.detail, height: arrangement.detail.height - lines } };
}
