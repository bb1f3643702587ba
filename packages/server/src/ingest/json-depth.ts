const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** `[` (0x5b) and `{` (0x7b) differ by one bit, as do `]` and `}`: one test covers both. */
const CASE_BIT = 0x20;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** The batch object is level 1, its `events` array level 2, each event level 3. */
const EVENT_LEVEL = 3;

export type DepthCheck = { ok: true } | { ok: false; eventIndex: number };

/**
 * Checks, on the JSON text before it is parsed, that no value nests deeper than `maxDepth`
 * arrays and objects. Deep values parse fine but overflow the stack of every recursive walk
 * after (`JSON.stringify` when the chunk is written, rrweb's rebuild in the player), so they
 * are refused at the door. One pass over the bytes; strings are skipped with `indexOf`
 * (memchr), which is most of a recording's bytes. Names the event at fault: containers
 * opened at the event level are counted, and in a valid batch only `events` has them.
 */
export function checkJsonDepth(json: Buffer, maxDepth: number): DepthCheck {
  let depth = 0;
  let eventIndex = -1;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === QUOTE) {
      i = endOfString(json, i + 1);
      continue;
    }
    const folded = c | CASE_BIT;
    if (folded === OPEN) {
      depth++;
      if (depth === EVENT_LEVEL) eventIndex++;
      if (depth > maxDepth) return { ok: false, eventIndex };
    } else if (folded === CLOSE) {
      depth--;
    }
  }
  return { ok: true };
}

/** Index of the quote that closes the string starting at `from` (or the end of the text). */
function endOfString(json: Buffer, from: number): number {
  let i = from;
  for (;;) {
    const q = json.indexOf(QUOTE, i);
    if (q < 0) return json.length;
    // The quote is escaped when an odd number of backslashes precede it.
    let slashes = 0;
    while (json[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
    i = q + 1;
  }
}
