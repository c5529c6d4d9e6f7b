// The engine as a lab's File Script Module: a prelude defines _ScriptModule
// the way PT is expected to (src/module-kind.ts). main() opens the panel at
// the URL this way of running gives, the panel's requests are answered, and
// cleanUp leaves no handler, timer, menu item or window behind.
var before = PtSim.liveRegistrations.count;
main();
var urls = world.webViewManager.views.map(function (v) {
  return v.url;
});
var opened = ask({ type: "openPanel" });
var devices = value({ type: "changesSince", seq: 0, epoch: 0 }).devices.length;
cleanUp();
__host.result({
  urls: urls,
  openedOk: opened.ok,
  devices: devices,
  handlersLeft: PtSim.liveRegistrations.count - before,
  timersLeft: __host.activeTimers(),
  menuAfter: world.app.menu.items.length,
  views: world.webViewManager.views.length,
});
