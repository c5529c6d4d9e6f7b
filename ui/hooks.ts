import { useEffect, useState } from "preact/hooks";
import type { PanelStore } from "./store";

/** Re-renders the caller whenever the store changes. */
export function useStore(store: PanelStore): number {
  const [, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), [store]);
  return store.version;
}
