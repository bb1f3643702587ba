const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

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
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === EVENT_LEVEL) eventIndex++;
      if (depth > maxDepth) return { ok: false, eventIndex };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
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
