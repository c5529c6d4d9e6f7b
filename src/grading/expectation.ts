// The expectation file: outcomes stated by address patterns, for grading a
// class without an answer lab (README "Grading a class"):
//   {"expect": [{"from": "*@alpha.edu", "to": "*@beta.org", "outcome": "delivered"}, …]}
// Its JSON is read by a small strict parser of its own, so a syntax error is
// one line saying where (line, column) and what was expected there; V8's
// JSON.parse names neither reliably. Shared by `npm run lab -- grade` and the
// panel's Lab check (src/grading/ is pure ES2016 and never in engine.js).

/** A pair's outcome, as the model predicts it and as an expectation states it. */
export type Outcome = "delivered" | "bounced" | "failed" | "unknown";

export interface ExpectRule {
  /** 1-based, in file order: later rules win. */
  index: number;
  from: string;
  to: string;
  outcome: Outcome;
  /** Where the rule starts in the file, "line 3, column 5". */
  at: string;
}

export class ExpectationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpectationError";
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON refuses raw control characters in a string (RFC 8259 §7).
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const OUTCOMES: Outcome[] = ["delivered", "bounced", "failed", "unknown"];
const RULE_KEYS = ["from", "to", "outcome", "note"];

interface Located {
  value: unknown;
  at: number;
  /** An object member's key offset. */
  keyAt?: number;
}

/** The rules of an expectation file; throws ExpectationError("NAME: line L, column C: expected …"). */
export function parseExpectation(text: string, name: string): ExpectRule[] {
  const where = (at: number) => {
    const before = text.slice(0, at).split("\n");
    return "line " + before.length + ", column " + (before[before.length - 1].length + 1);
  };
  const fail = (at: number, what: string): never => {
    throw new ExpectationError(name + ": " + where(at) + ": " + what);
  };
  const top = new JsonReader(text, fail).document();
  const doc = top.value as { [key: string]: Located } | null;
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    return fail(top.at, 'expected an object {"expect": [rules]}');
  if (!doc.expect || !Array.isArray(doc.expect.value)) return fail(top.at, 'expected a key "expect" holding a list');
  return (doc.expect.value as Located[]).map((r, i) => {
    const rule = r.value as { [key: string]: Located } | null;
    if (!rule || typeof rule !== "object" || Array.isArray(rule))
      return fail(r.at, "rule " + (i + 1) + ': expected an object {"from", "to", "outcome"}');
    for (const key of Object.keys(rule))
      if (RULE_KEYS.indexOf(key) < 0)
        fail(
          rule[key].keyAt as number,
          "rule " + (i + 1) + ': expected one of "from", "to", "outcome", "note", not "' + key + '"',
        );
    const text = (key: string): string => {
      const v = rule[key];
      if (!v) return fail(r.at, "rule " + (i + 1) + ': expected a key "' + key + '"');
      if (typeof v.value !== "string" || !v.value.trim())
        return fail(
          v.at,
          "rule " + (i + 1) + ': expected "' + key + '" to be an address pattern such as "*@alpha.edu"',
        );
      return v.value.trim();
    };
    const outcome = rule.outcome;
    if (!outcome || OUTCOMES.indexOf(outcome.value as Outcome) < 0)
      fail(outcome ? outcome.at : r.at, "rule " + (i + 1) + ': expected "outcome" to be one of ' + OUTCOMES.join(", "));
    return {
      index: i + 1,
      from: text("from"),
      to: text("to"),
      outcome: (outcome as Located).value as Outcome,
      at: where(r.at),
    };
  });
}

/** `*` stands for any run of characters; nothing else is special; case does not matter (addresses). */
export function patternMatcher(pattern: string): (address: string) => boolean {
  const re = new RegExp(
    "^" +
      pattern
        .toLowerCase()
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
  );
  return (address) => re.test(address.trim().toLowerCase());
}

export function isExact(pattern: string): boolean {
  return pattern.indexOf("*") < 0;
}

/** Strict JSON (RFC 8259) into values whose object members keep their offsets. */
class JsonReader {
  private at = 0;
  constructor(
    private readonly src: string,
    private readonly fail: (at: number, what: string) => never,
  ) {}

  document(): Located {
    const v = this.value();
    this.space();
    if (this.at < this.src.length) this.fail(this.at, "expected the end of the file after the top-level value");
    return v;
  }

  private space(): void {
    while (this.at < this.src.length && " \t\n\r".indexOf(this.src[this.at]) >= 0) this.at++;
  }

  private value(): Located {
    this.space();
    const at = this.at,
      c = this.src[at];
    if (c === "{") return { value: this.object(), at };
    if (c === "[") return { value: this.array(), at };
    if (c === '"') return { value: this.string(), at };
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.src.slice(at, at + 64));
    if (!m) return this.fail(at, c === undefined ? "expected a value, found the end of the file" : "expected a value");
    this.at += m[0].length;
    return { value: JSON.parse(m[0]), at };
  }

  private expect(char: string, what: string): void {
    this.space();
    if (this.src[this.at] !== char) this.fail(this.at, "expected " + what);
    this.at++;
  }

  private object(): { [key: string]: Located } {
    const out: { [key: string]: Located } = {};
    this.at++;
    this.space();
    if (this.src[this.at] === "}") {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.src[this.at] !== '"') this.fail(this.at, 'expected a key in double quotes (a "…" string)');
      const keyAt = this.at;
      const key = this.string();
      this.expect(":", '":" after the key');
      out[key] = Object.assign(this.value(), { keyAt });
      this.space();
      if (this.src[this.at] === "}") {
        this.at++;
        return out;
      }
      this.expect(",", '"," or "}"');
    }
  }

  private array(): Located[] {
    const out: Located[] = [];
    this.at++;
    this.space();
    if (this.src[this.at] === "]") {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      if (this.src[this.at] === "]") {
        this.at++;
        return out;
      }
      this.expect(",", '"," or "]"');
    }
  }

  private string(): string {
    STRING.lastIndex = this.at;
    const m = STRING.exec(this.src);
    if (!m) this.fail(this.at, "expected a string closed by a double quote on the same line");
    const s = (m as RegExpExecArray)[0];
    this.at += s.length;
    return JSON.parse(s);
  }
}
