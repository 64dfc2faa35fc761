/**
 * fzf's v1 fuzzy score (the `fzf` package's fuzzyMatchV1 and calculateScore, case-insensitive,
 * forward, no normalisation) for ASCII text and pattern already in lower case: what pod names are
 * (DNS labels). The package computes the positions of every match into a set, slices the text's
 * code points for each character it skips to, and converts each name to an array of code points
 * when indexed; over 20,000 names, most of which match a first typed character, that was most of a
 * filter keystroke. The scores are the package's (test/model/fuzzyScore.test.ts compares them);
 * anything else (non-ASCII) goes to the package.
 */

const SCORE_MATCH = 16;
const SCORE_GAP_START = -3;
const SCORE_GAP_EXTENSION = -1;
const BONUS_BOUNDARY = SCORE_MATCH / 2;
const BONUS_NON_WORD = SCORE_MATCH / 2;
const BONUS_CAMEL_123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION;
const BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER = 2;

/** fzf's character classes: 0 non-word, 1 lower, 2 upper, 4 number. */
function classOf(code: number): number {
  if (code >= 97 && code <= 122) return 1;
  if (code >= 65 && code <= 90) return 2;
  if (code >= 48 && code <= 57) return 4;
  return 0;
}

function bonusFor(previous: number, current: number): number {
  if (previous === 0 && current !== 0) return BONUS_BOUNDARY;
  if ((previous === 1 && current === 2) || (previous !== 4 && current === 4)) return BONUS_CAMEL_123;
  if (current === 0) return BONUS_NON_WORD;
  return 0;
}

/** True when every character of `text` is ASCII without upper-case letters. */
export function isLowerAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || (code >= 65 && code <= 90)) return false;
  }
  return true;
}

/** The v1 score of `pattern` in `text` (both lower-case ASCII, pattern not empty), undefined when it does not match. */
export function lowerAsciiV1Score(text: string, pattern: string): number | undefined {
  const m = pattern.length;
  if (m > text.length) return undefined;
  // Forward: the first alignment, each character at its first place after the one before.
  let p = 0;
  let start = -1;
  let end = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== pattern.charCodeAt(p)) continue;
    if (start < 0) start = i;
    p += 1;
    if (p === m) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) return undefined;
  // Backward from its end: the shortest alignment ending there.
  p = m - 1;
  for (let i = end - 1; i >= start; i--) {
    if (text.charCodeAt(i) !== pattern.charCodeAt(p)) continue;
    p -= 1;
    if (p < 0) {
      start = i;
      break;
    }
  }
  let score = 0;
  let inGap = false;
  let consecutive = 0;
  let firstBonus = 0;
  let previous = start > 0 ? classOf(text.charCodeAt(start - 1)) : 0;
  p = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const current = classOf(code);
    if (p < m && code === pattern.charCodeAt(p)) {
      score += SCORE_MATCH;
      let bonus = bonusFor(previous, current);
      if (consecutive === 0) firstBonus = bonus;
      else {
        if (bonus === BONUS_BOUNDARY) firstBonus = bonus;
        bonus = Math.max(bonus, firstBonus, BONUS_CONSECUTIVE);
      }
      score += p === 0 ? bonus * BONUS_FIRST_CHAR_MULTIPLIER : bonus;
      inGap = false;
      consecutive += 1;
      p += 1;
    } else {
      score += inGap ? SCORE_GAP_EXTENSION : SCORE_GAP_START;
      inGap = true;
      consecutive = 0;
      firstBonus = 0;
    }
    previous = current;
  }
  return score;
}
