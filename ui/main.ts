// The panel's entry: mounts the app and exposes window.mailConsole.receive,
// the one function the engine's pushes call.
import { render } from "preact";
import { html } from "htm/preact";
import type { Batch } from "../src/protocol";
import { Panel } from "./panel";
import { EngineLink } from "./engine-link";
import { PanelStore } from "./store";

declare global {
  interface Window {
    $se?: (name: string, ...args: unknown[]) => unknown;
    mailConsole?: { receive(batch: Batch): void; store: PanelStore; link: EngineLink };
  }
}

const store = new PanelStore();
const link = new EngineLink(store, () => window.$se);
window.mailConsole = {
  receive: (batch: Batch) => {
    try {
      link.receive(batch);
    } catch (e) {
      console.error("Mail Console: a push could not be applied", e);
    }
  },
  store,
  link,
};
render(html`<${Panel} store=${store} call=${(r: Parameters<EngineLink["call"]>[0]) => link.call(r)} />`, document.getElementById("app")!);
link.start();
