// The Extensions > Mail Console menu item: added at start, removed at cleanUp
// (class_menu.html: insertItem("", label) appends and answers the item's uuid).
import type { Ipc } from "./pt";
import type { Subscriptions } from "./subscriptions";

export class MenuItemHandle {
  private uuid = "";

  constructor(
    private readonly ipc: Ipc,
    private readonly subs: Subscriptions,
    private readonly label: string,
  ) {}

  /** Adds the item; throws when PT refuses (the engine reports which privilege is missing). */
  add(onClick: () => void): void {
    const menu = this.ipc.appWindow().getMenuBar().getExtensionsPopupMenu();
    this.uuid = String(menu.insertItem("", this.label));
    const item = menu.getMenuItemByUuid(this.uuid);
    if (item) this.subs.on("menu", item, "onClicked", () => onClick());
  }

  /** Removes the item; its click handler is inert whatever PT answers. */
  remove(report: (where: string, e: unknown) => void): void {
    this.subs.off("menu");
    if (!this.uuid) return;
    try {
      this.ipc.appWindow().getMenuBar().getExtensionsPopupMenu().removeItemUuid(this.uuid);
    } catch (e) {
      report("removeMenuItem", e);
    }
    this.uuid = "";
  }
}
