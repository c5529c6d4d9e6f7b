// AppWindow, menus, web views, simulation and files (research/pt-api.md §4, §5).
import type { IpcObject } from "./events";
import type { Network, Workspace } from "./network";

/** The global `ipc` (class_i_p_c.html). */
export interface Ipc {
  network(): Network;
  appWindow(): AppWindow;
  simulation(): Simulation;
  systemFileManager(): SystemFileManager;
}

/** class_app_window.html. Events: fileOpened, fileNewed, fileClosing (no args). */
export interface AppWindow extends IpcObject {
  getMenuBar(): MenuBar;
  getActiveWorkspace(): Workspace;
  getUserFolder(): string;
  getVersion(): string;
  /** The open file [doc class_app_window.html getActiveFile; class_network_file.html]. */
  getActiveFile(): NetworkFile;
}

/** class_network_file.html. getSavedFilename: "the filename of the currently opened file" ("" for a new, unsaved one: inferred). */
export interface NetworkFile {
  getSavedFilename(): string;
}

export interface MenuBar {
  getExtensionsPopupMenu(): Menu;
}

/** class_menu.html: insertItem("", label) appends and answers the item's uuid (PTBuilder). */
export interface Menu {
  insertItem(before: string, label: string): string;
  getMenuItemByUuid(uuid: string): MenuItem | null;
  removeItemUuid(uuid: string): void;
  /** The items of the menu, every module's (class_menu.html count, getMenuItemAt): src/module-kind.ts. */
  count(): number;
  getMenuItemAt(index: number): MenuItem | null;
}

/** class_menu_item.html. Event onClicked (no args). */
export interface MenuItem extends IpcObject {
  getLabel(): string;
}

/** class_simulation.html. Event simulationModeChanged (no args). */
export interface Simulation extends IpcObject {
  isSimulationMode(): boolean;
}

/** class_system_file_manager.html: full paths, UTF-8; writeTextToFile wants base64, so we use the plain one. */
export interface SystemFileManager {
  writePlainTextToFile(path: string, contents: string): boolean;
}

/** The global `webViewManager` (class_web_view_manager.html); getWebView answers null once closed. */
export interface WebViewManager {
  createWebView(title: string, url: string, width: number, height: number): WebView;
  getWebView(id: string): WebView | null;
  /** `bool closeWebView(uuid id)` (class_web_view_manager.html, pt-api.md §4.3); a live module calls it in cleanUp. */
  closeWebView(id: string): boolean;
}

/** class_web_view.html. Event closed {?}. evaluateJavaScriptAsync is fire-and-forget. */
export interface WebView extends IpcObject {
  getWebViewId(): string;
  evaluateJavaScriptAsync(source: string): void;
  show(): void;
  raise(): void;
}
