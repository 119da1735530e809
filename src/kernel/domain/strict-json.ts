import { MAX_JSON_DEPTH } from './json.js';

/**
 * Why bytes are not strict JSON. The first four are JSON that readers disagree on, or that
 * `JSON.parse` after a lenient UTF-8 decoding would read anyway: a document signed with them
 * could show one thing to a person and another to the service.
 * - `bom`: a byte order mark before the text (RFC 8259 §8.1 forbids it);
 * - `invalid_utf8`: bytes that are not UTF-8 (a lenient decoder turns them into U+FFFD, so two
 *   different signed byte strings would read the same); surrogates encoded as UTF-8 included;
 * - `lone_surrogate`: an escaped surrogate without its pair (`"\ud800"`), which is no character;
 * - `duplicate_key`: an object naming one key twice, at any depth (readers keep the first, the
 *   last, or refuse; `JSON.parse` keeps the last);
 * - `too_deep`: arrays and objects nested deeper than the limit;
 * - `syntax`: not JSON at all, or nothing but whitespace.
 */
export type StrictJsonProblem =
  'bom' | 'invalid_utf8' | 'lone_surrogate' | 'duplicate_key' | 'too_deep' | 'syntax';

export type StrictJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: StrictJsonProblem };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]); // " \ / b f n r t

/** One open array or object while the text is read. */
type Frame =
  | { readonly kind: 'array'; readonly value: unknown[] }
  | {
      readonly kind: 'object';
      readonly value: Record<string, unknown>;
      readonly keys: Set<string>;
      key: string;
    };

class Refused extends Error {
  constructor(readonly problem: StrictJsonProblem) {
    super(problem);
  }
}

/**
 * The JSON value of UTF-8 bytes, read strictly (see StrictJsonProblem), in one pass with an
 * explicit stack: no recursion, so hostile nesting cannot exhaust the call stack, and each
 * object's keys go into a set, so duplicate detection stays linear in the size of the text.
 * The value is the one `JSON.parse` would give for the same text (`__proto__` included as an
 * ordinary key).
 */
export function parseStrictJson(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): StrictJson {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return refused('bom');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return refused('invalid_utf8');
  }
  try {
    return { ok: true, value: new Reader(text, maxDepth).document() };
  } catch (error) {
    if (error instanceof Refused) return refused(error.problem);
    throw error;
  }
}

function refused(problem: StrictJsonProblem): StrictJson {
  return { ok: false, problem };
}

class Reader {
  private at = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): unknown {
    let value = this.value();
    // Each turn closes the innermost container or reads its next member.
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1];
      if (frame.kind === 'array') frame.value.push(value);
      else define(frame.value, frame.key, value);
      this.skipSpace();
      const next = this.text.charCodeAt(this.at++);
      if (next === 0x2c) {
        // ,
        if (frame.kind === 'object') this.key(frame);
        value = this.value();
      } else if (next === (frame.kind === 'array' ? 0x5d : 0x7d)) {
        // ] or }
        this.stack.pop();
        value = frame.value;
      } else {
        throw new Refused('syntax');
      }
    }
    this.skipSpace();
    if (this.at !== this.text.length) throw new Refused('syntax');
    return value;
  }

  /**
   * A scalar; or, for `[` and `{`, the first member's value after the container is opened (an
   * empty container is returned at once, closed).
   */
  private value(): unknown {
    for (;;) {
      this.skipSpace();
      const c = this.text.charCodeAt(this.at);
      if (c === 0x22) return this.string();
      if (c !== 0x5b && c !== 0x7b) return this.literal();
      this.at++;
      if (this.stack.length >= this.maxDepth) throw new Refused('too_deep');
      this.skipSpace();
      if (c === 0x5b) {
        if (this.text.charCodeAt(this.at) === 0x5d) {
          this.at++;
          return [];
        }
        this.stack.push({ kind: 'array', value: [] });
      } else {
        if (this.text.charCodeAt(this.at) === 0x7d) {
          this.at++;
          return {};
        }
        const frame: Frame = { kind: 'object', value: {}, keys: new Set(), key: '' };
        this.stack.push(frame);
        this.key(frame);
      }
    }
  }

  /** `"name":` of the next member of an object; a name seen before in it is refused. */
  private key(frame: Extract<Frame, { kind: 'object' }>): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.at) !== 0x22) throw new Refused('syntax');
    const key = this.string();
    if (frame.keys.has(key)) throw new Refused('duplicate_key');
    frame.keys.add(key);
    frame.key = key;
    this.skipSpace();
    if (this.text.charCodeAt(this.at++) !== 0x3a) throw new Refused('syntax');
  }

  /** A string literal at `at`, checked by hand and decoded by JSON.parse (no recursion there). */
  private string(): string {
    const start = this.at++;
    for (;;) {
      const c = this.text.charCodeAt(this.at++);
      if (Number.isNaN(c) || c < 0x20) throw new Refused('syntax');
      if (c === 0x22) break;
      if (c !== 0x5c) continue;
      const escaped = this.text.charCodeAt(this.at++);
      if (escaped === 0x75) {
        if (!HEX4.test(this.text.slice(this.at, this.at + 4))) throw new Refused('syntax');
        this.at += 4;
      } else if (!ESCAPES.has(escaped)) {
        throw new Refused('syntax');
      }
    }
    const value = JSON.parse(this.text.slice(start, this.at)) as string;
    if (!isWellFormed(value)) throw new Refused('lone_surrogate');
    return value;
  }

  private literal(): unknown {
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (number === null) throw new Refused('syntax');
    this.at += number[0].length;
    return Number(number[0]);
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }
}

const LITERALS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** As JSON.parse stores a member: `__proto__` becomes an own key, not the prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** No surrogate without its pair (the text came from UTF-8, so only escapes can make one). */
function isWellFormed(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const low = value.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
    i++;
  }
  return true;
}
