// A windowed list: only the lines near the viewport are in the DOM, between
// two paddings that stand for the rest, so a log of 100,000 mails costs what
// a screenful does. Lines are measured once rendered; a line of unusual height
// (opened, wrapped) is remembered by key, every other one counts as typical.
// The page itself scrolls (a PT web view is one small window), so the list
// watches the window's scroll and its own place on the page. When lines are
// added above the viewport (new mail comes in at the top), it scrolls by as
// much, so the rows being read stay put.
import { html } from "htm/preact";
import { Component, createRef, type VNode } from "preact";

export interface WindowProps {
  count: number;
  /** The key of the i-th line, and the index of a key (-1 when it is not listed). */
  keyAt: (i: number) => number;
  indexOf: (key: number) => number;
  /** The i-th line: an element whose top node is one <li>. */
  line: (i: number) => VNode;
}

/** Pixels rendered beyond each edge of the viewport, so a fast scroll meets rendered lines. */
const MARGIN = 400;

/** The lines rendered, [start, end), and the paddings above and below them. */
type Span = number[];

export class Window extends Component<WindowProps> {
  private sizes = new Map<number, number>();
  private typical = 0;
  private span: Span = [0, 0, 0, 0];
  /** The line at the viewport's top, and how far into it the viewport starts. */
  private anchor: number[] | null = null;
  private list = createRef<HTMLUListElement>();

  componentDidMount(): void {
    addEventListener("scroll", this.scrolled, { passive: true });
    addEventListener("resize", this.scrolled);
    this.measure();
  }

  componentWillUnmount(): void {
    removeEventListener("scroll", this.scrolled);
    removeEventListener("resize", this.scrolled);
  }

  componentDidUpdate(): void {
    this.measure();
  }

  /** The person scrolled: the line now at the top is the one to hold. */
  private scrolled = () => {
    this.anchor = null;
    this.update(true);
  };

  private update(hold: boolean): void {
    if (this.compute(hold).join() !== this.span.join()) this.forceUpdate();
  }

  /**
   * The lines that cover the viewport [start, end), and the paddings for the others. Where lines came
   * or grew above the anchor line, the viewport is (with `hold`: is now scrolled) as far down as they
   * moved it, so the same rows stay in view.
   */
  private compute(hold: boolean): Span {
    const { count, keyAt, indexOf } = this.props;
    const typical = this.typical || 46;
    const odd: number[][] = [];
    this.sizes.forEach((h, key) => {
      const i = indexOf(key);
      if (i >= 0) odd.push([i, h - typical]);
    });
    const offset = (i: number) => {
      let y = i * typical;
      for (const [j, extra] of odd) if (j < i) y += extra;
      return y;
    };
    /** The last line that starts at or above y. */
    const lineAt = (y: number) => {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offset(mid) <= y) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const el = this.list.current;
    let y = el ? -el.getBoundingClientRect().top : 0;
    const a = this.anchor;
    const i = a ? indexOf(a[0]) : -1;
    const shift = a && i >= 0 && y > 0 ? offset(i) + a[1] - y : 0;
    y += shift;
    if (hold) {
      if (shift) scrollBy(0, shift);
      const top = lineAt(y);
      this.anchor = y > 0 && top < count ? [keyAt(top), y - offset(top)] : null;
    }
    const start = Math.min(count, lineAt(y - MARGIN));
    const end = Math.min(count, lineAt(y + innerHeight + MARGIN) + 1);
    return [start, end, offset(start), offset(count) - offset(end)];
  }

  /** Remembers the heights of rendered lines that differ from the typical one, then holds the anchor line. */
  private measure(): void {
    const el = this.list.current;
    if (!el) return;
    for (let j = 0; j < el.children.length; j++) {
      const h = (el.children[j] as HTMLElement).offsetHeight;
      if (!h) continue; // not laid out (a hidden panel, or a DOM without layout)
      if (!this.typical || h < this.typical) this.typical = h;
      const key = this.props.keyAt(this.span[0] + j);
      if (h === this.typical) this.sizes.delete(key);
      else this.sizes.set(key, h);
    }
    this.update(true);
  }

  render() {
    this.span = this.compute(false);
    const [start, end, top, bottom] = this.span;
    const lines: VNode[] = [];
    for (let i = start; i < end; i++) lines.push(this.props.line(i));
    return html`<ul class="mails" ref=${this.list} style=${{ paddingTop: top + "px", paddingBottom: bottom + "px" }}>${lines}</ul>`;
  }
}
