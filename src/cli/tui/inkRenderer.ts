declare global {
  /** Set (to true) by the bundle's build, which carries the fix to Ink 6.8's incremental renderer (scripts/build.mjs). */
  var PODSCOPE_INK_CURSOR_FIXED: boolean | undefined;
}

/**
 * Whether Ink may redraw only the lines that changed. Ink 6.8's incremental renderer, as published,
 * draws every frame after the first one row lower and leaves stale lines above it (scripts/build.mjs);
 * the bundle carries the fix, the unbundled developer build (dist/cli) runs Ink as published and so
 * redraws whole frames.
 */
export const incrementalRendering: boolean = globalThis.PODSCOPE_INK_CURSOR_FIXED === true;
