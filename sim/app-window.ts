// The application side of PT the engine touches: AppWindow, its menu, the
// logical workspace, web views, the Simulation object and the file manager
// (class_app_window.html, class_menu.html, class_web_view*.html,
// class_simulation.html, class_system_file_manager.html).
import type {
  AppWindow,
  Menu,
  MenuBar,
  NetworkFile,
  Simulation,
  SystemFileManager,
  WebView,
  WebViewManager,
  Workspace,
} from "../src/pt";
import { nextUuid, SimObject } from "./events";

class SimMenuItem extends SimObject {
  constructor(
    readonly uuidValue: string,
    public label: string,
  ) {
    super("MenuItem");
  }
  getUuid(): string {
    return this.uuidValue;
  }
  getLabel(): string {
    return this.label;
  }
  /** The user clicks it. */
  click(): void {
    this.emit("onClicked", {});
  }
}

class SimMenu implements Menu {
  readonly items: SimMenuItem[] = [];
  insertItem(_before: string, label: string): string {
    if (arguments.length !== 2) throw new Error('Invalid arguments for IPC call "insertItem"');
    const item = new SimMenuItem(nextUuid(), String(label));
    this.items.push(item);
    return item.uuidValue;
  }
  getMenuItemByUuid(uuid: string): SimMenuItem | null {
    return this.items.filter((i) => i.uuidValue === uuid)[0] || null;
  }
  count(): number {
    return this.items.length;
  }
  getMenuItemAt(index: number): SimMenuItem | null {
    return this.items[index] || null;
  }
  removeItemUuid(uuid: string): void {
    const item = this.getMenuItemByUuid(uuid);
    if (!item) return;
    this.items.splice(this.items.indexOf(item), 1);
    item.dispose();
  }
}

export class SimWorkspace implements Workspace {
  readonly logical = new SimObject("LogicalWorkspace");
  getLogicalWorkspace() {
    return this.logical;
  }
}

export class SimAppWindow extends SimObject implements AppWindow {
  readonly menu = new SimMenu();
  workspace = new SimWorkspace();
  constructor() {
    super("AppWindow");
  }
  getMenuBar(): MenuBar {
    return { getExtensionsPopupMenu: () => this.menu };
  }
  getActiveWorkspace(): Workspace {
    return this.workspace;
  }
  getUserFolder(): string {
    return "C:/Users/student/Cisco Packet Tracer 9.0.1";
  }
  getVersion(): string {
    return "9.0.1.0858";
  }
  /** What getActiveFile().getSavedFilename() answers: the open file's path, "" while unsaved. */
  savedFilename = "";
  getActiveFile(): NetworkFile {
    return { getSavedFilename: () => this.savedFilename };
  }
}

export class SimWebView extends SimObject implements WebView {
  readonly id = nextUuid();
  open = true;
  constructor(
    readonly manager: SimWebViewManager,
    readonly title: string,
    readonly url: string,
    readonly width: number,
    readonly height: number,
  ) {
    super("WebView");
  }
  getWebViewId(): string {
    return this.id;
  }
  evaluateJavaScriptAsync(source: string): void {
    if (arguments.length !== 1) throw new Error('Invalid arguments for IPC call "evaluateJavaScriptAsync"');
    this.manager.evaluated++;
    if (this.open) this.manager.onEvaluate(this, String(source));
  }
  show(): void {
    this.manager.onShow(this);
  }
  raise(): void {
    this.manager.onShow(this);
  }
  /** The user closes the window. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.manager.views.splice(this.manager.views.indexOf(this), 1);
    this.manager.onClose(this);
    this.emit("closed", { webViewId: this.id });
    this.dispose();
  }
}

export class SimWebViewManager implements WebViewManager {
  readonly views: SimWebView[] = [];
  evaluated = 0;
  /** What the host does with a view: the playground shows an iframe; tests record. */
  onOpen: (view: SimWebView) => void = () => undefined;
  onEvaluate: (view: SimWebView, source: string) => void = () => undefined;
  onShow: (view: SimWebView) => void = () => undefined;
  onClose: (view: SimWebView) => void = () => undefined;

  createWebView(title: string, url: string, width: number, height: number): SimWebView {
    if (arguments.length !== 4) throw new Error('Invalid arguments for IPC call "createWebView"');
    const view = new SimWebView(this, String(title), String(url), width, height);
    this.views.push(view);
    this.onOpen(view);
    return view;
  }
  getWebView(id: string): SimWebView | null {
    return this.views.filter((v) => v.id === id)[0] || null;
  }
  closeWebView(id: string): boolean {
    const v = this.getWebView(id);
    if (v) v.close();
    return !!v;
  }
}

export class SimSimulation extends SimObject implements Simulation {
  constructor(private world: { setSimulationMode(on: boolean): void; simulationMode: boolean; forward(): boolean }) {
    super("Simulation");
  }
  isSimulationMode(): boolean {
    return this.world.simulationMode;
  }
  setSimulationMode(on: boolean): void {
    if (this.world.simulationMode === !!on) return;
    this.world.setSimulationMode(!!on);
    this.emit("simulationModeChanged", {});
  }
  forward(): void {
    this.world.forward();
  }
}

export class SimFileManager implements SystemFileManager {
  readonly files: { [path: string]: string } = {};
  writePlainTextToFile(path: string, contents: string): boolean {
    this.files[String(path)] = String(contents);
    return true;
  }
}
