const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** `[` (0x5b) and `{` (0x7b) differ by one bit, as do `]` and `}`: one test covers both. */
const CASE_BIT = 0x20;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/** The batch object is level 1, its `events` array level 2, each event level 3. */
const EVENT_LEVEL = 3;

/**
 * `ok` with where each container at the event level starts and ends (byte offsets, end
 * exclusive): in a batch that validates, exactly its events, in order, since every other
 * field of a batch is a number or a string.
 */
export type DepthCheck = { ok: true; eventSpans: number[] } | { ok: false; eventIndex: number };

/**
 * Checks, on the JSON text before it is parsed, that no value nests deeper than `maxDepth`
 * arrays and objects. Deep values parse fine but overflow the stack of every recursive walk
 * after (`JSON.stringify` when the chunk is written, rrweb's rebuild in the player), so they
 * are refused at the door. One pass over the bytes; strings are skipped with `indexOf`
 * (memchr), which is most of a recording's bytes. Names the event at fault: containers
 * opened at the event level are counted, and in a valid batch only `events` has them. The
 * same pass notes where each event's text is, so the processor can store the text as sent
 * rather than serialise the parsed event again (`eventTexts`).
 */
export function checkJsonDepth(json: Buffer, maxDepth: number): DepthCheck {
  let depth = 0;
  let eventIndex = -1;
  // Start and end offsets, flat: [start0, end0, start1, end1, ...].
  const eventSpans: number[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === QUOTE) {
      i = endOfString(json, i + 1);
      continue;
    }
    const folded = c | CASE_BIT;
    if (folded === OPEN) {
      depth++;
      if (depth === EVENT_LEVEL) {
        eventIndex++;
        eventSpans.push(i);
      }
      if (depth > maxDepth) return { ok: false, eventIndex };
    } else if (folded === CLOSE) {
      if (depth === EVENT_LEVEL) eventSpans.push(i + 1);
      depth--;
    }
  }
  return { ok: true, eventSpans };
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

/**
 * Each event's JSON text as sent (views into `json`, no copy), when the spans are exactly
 * the batch's events: `events` is the validated batch's, so every other field is a number or
 * a string and the containers at the event level are its events. Undefined otherwise (an
 * unbalanced count means something else is there; then the events are serialised again).
 */
export function eventTexts(json: Buffer, eventSpans: readonly number[], eventCount: number): Buffer[] | undefined {
  if (eventSpans.length !== eventCount * 2) return undefined;
  const texts: Buffer[] = [];
  for (let i = 0; i < eventSpans.length; i += 2) texts.push(json.subarray(eventSpans[i], eventSpans[i + 1]));
  return texts;
}
