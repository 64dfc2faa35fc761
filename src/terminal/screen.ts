/** Escape sequences podscope sends to the real terminal; one place so restore is the exact inverse of enter. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const CLEAR_SCREEN_HOME = '\x1b[2J\x1b[H';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
/** Pastes then arrive between ESC[200~ and ESC[201~, so pasted text is never taken for keys. */
export const BRACKETED_PASTE_ON = '\x1b[?2004h';
/** Resets attributes, leaves bracketed paste and mouse modes a crashed child could have left on. */
export const RESET_MODES = '\x1b[0m\x1b[?2004l\x1b[?1000l\x1b[?1002l\x1b[?1006l';
/** Home, clear the screen, clear the scrollback (xterm's ED 3): a hand-over starts on an empty terminal. */
export const CLEAR_SCREEN_AND_SCROLLBACK = '\x1b[H\x1b[2J\x1b[3J';
