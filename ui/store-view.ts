// Components that re-render when the store changes. Preact's class components
// are in its core; hooks would add 1.5 KB gzip to a panel with a 16 KB budget.
import { Component } from "preact";
import type { PanelStore } from "./store";

export abstract class StoreView<P extends { store: PanelStore }, S = object> extends Component<P, S> {
  private unsubscribe: (() => void) | null = null;

  componentDidMount(): void {
    this.unsubscribe = this.props.store.subscribe(() => this.storeChanged());
    this.storeChanged();
  }

  componentWillUnmount(): void {
    if (this.unsubscribe) this.unsubscribe();
  }

  /** The store changed: by default, render again. */
  protected storeChanged(): void {
    this.forceUpdate();
  }
}
