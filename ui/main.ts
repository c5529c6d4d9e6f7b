// The panel's entry: mounts the panel and exposes window.mailConsolePush, the
// one function the engine's pushes call (src/panel-bridge.ts pushScript).
import { html } from "htm/preact";
import { render } from "preact";
import { decodeChanges, type WirePush } from "../src/wire";
import { EngineLink } from "./engine-link";
import { Panel } from "./panel";
import { PanelStore } from "./store";

declare global {
  interface Window {
    $se?: (name: string, ...args: unknown[]) => unknown;
    mailConsolePush?: (push: WirePush) => void;
  }
}

const store = new PanelStore();
const link = new EngineLink(store, () => window.$se);
window.mailConsolePush = (push: WirePush) => {
  try {
    link.receive(decodeChanges(push));
  } catch (e) {
    console.error("Mail Console: a push failed", e);
  }
};
const root = document.getElementById("app");
if (root) {
  // index.html's static line stands until the script runs: a web view that cannot run it still says why.
  root.textContent = "";
  render(html`<${Panel} store=${store} call=${link.call.bind(link)} />`, root);
}
link.start();
