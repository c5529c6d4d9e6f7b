// Which way Mail Console runs: installed (.pts: its pages are this-sm:NAME) or
// as the File Script Module of the open lab (lab/embed: its pages are
// file-sm:NAME, seen live on PT 9.0.1: research/pt-script-modules.md A.2).
// Each guess below is one line to change once a real PT has answered.
import type { Ipc } from "./pt";

/** PT_APP_META/ID of the file module lab/embed writes (the installed .pts keeps manifest/module.json's id). */
export const FILE_MODULE_ID = "org.ptmail.console.file";

/** The engine global `_ScriptModule`, the running CScriptModule [doc class_c_script_module.html; inf that it is ours]. */
interface ScriptModuleGlobal {
  getCep(): { getId(): string };
}

/**
 * True when this engine is the lab's file module. [inf] CepInstance.getCep().getId()
 * answers the module's PT_APP_META/ID (doc: class_cep.html getId); not yet seen
 * for a file module. Anything else, a throw included, means installed (this-sm:).
 */
export function isFileModule(scriptModule: unknown): boolean {
  try {
    return String((scriptModule as ScriptModuleGlobal).getCep().getId()) === FILE_MODULE_ID;
  } catch (_e) {
    return false;
  }
}

/** The panel's URL for this way of running: a file module's Custom Interfaces are file-sm: [live 9.0.1, PTDoom]. */
export function panelUrlFor(url: string, fileModule: boolean): string {
  return fileModule ? url.replace(/^this-sm:/, "file-sm:") : url;
}

/**
 * Whether another Mail Console runs already: its Extensions menu item is there.
 * The menu bar is PT's, one for every module [inf]; Menu.count, getMenuItemAt and
 * MenuItem.getLabel are in class_menu.html / class_menu_item.html [doc]. A menu
 * PT will not show us (no Change GUI privilege) answers false: both then run.
 */
export function otherMailConsoleRuns(ipc: Ipc, label: string): boolean {
  try {
    const menu = ipc.appWindow().getMenuBar().getExtensionsPopupMenu();
    const n = menu.count();
    for (let i = 0; i < n; i++) {
      const item = menu.getMenuItemAt(i);
      if (item && String(item.getLabel()) === label) return true;
    }
  } catch (_e) {
    // Not knowing is not a reason to stay off.
  }
  return false;
}
