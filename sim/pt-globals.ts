// Puts a World's objects where PT puts its globals, for an engine evaluated as
// a script (the QJSEngine host, the playground's worker).
import type { World } from "./world";

/**
 * `scriptModuleId`, when given, installs `_ScriptModule` answering it from
 * getCep().getId(): src/module-kind.ts reads it to know a file module.
 */
export function installPtGlobals(target: { [name: string]: unknown }, world: World, scriptModuleId?: string): void {
  if (scriptModuleId !== undefined) target._ScriptModule = { getCep: () => ({ getId: () => scriptModuleId }) };
  target.ipc = world.ipc;
  target.webViewManager = world.webViewManager;
  // $putData/$getData keep strings only (pt-script-modules.md §1.3).
  target.$putData = (key: string, value: unknown) => {
    world.data[String(key)] = String(value);
  };
  target.$getData = (key: string) => (Object.prototype.hasOwnProperty.call(world.data, key) ? world.data[key] : "");
  target.$removeData = (key: string) => {
    delete world.data[key];
  };
}
