// A component that renders again only when a prop changed (Preact's memo is in
// preact/compat, which the panel's size budget does not allow). Long logs rely
// on it: a push re-renders the rows whose mail changed, not every row shown.
import { Component } from "preact";

export abstract class Pure<P> extends Component<P> {
  shouldComponentUpdate(next: P): boolean {
    for (const k in next) if (next[k] !== this.props[k]) return true;
    return false;
  }
}
