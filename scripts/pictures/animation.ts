/** Frames of the README animation: a screen shown for less than this is not worth a frame. */
export const ANIMATION_FRAME_SECONDS = 0.05;
