// Evaluated in the Qt QJSEngine host after dist/sim/pt-sim.js and before the
// built engine.js: a simulated classroom behind PT's globals, on the host's
// virtual timers, and a fake web view that evaluates every push.
var world = new PtSim.World({ clock: PtSim.hostClock(this), stepMs: 100, timeoutMs: 3000 });
world.load(PtSim.classroom());
PtSim.installPtGlobals(this, world);
var pushes = [];
world.webViewManager.onEvaluate = function (view, js) {
  var fakeWindow = { mailConsole: { receive: function (batch) { pushes.push(batch); } } };
  new Function("window", js)(fakeWindow);
};
function ask(request) {
  // $se may deliver the request as an object or as JSON text: the engine takes both.
  return JSON.parse(mailConsole(request));
}
function keyOf(name) {
  var hello = ask({ type: "since", seq: 0, epoch: 0 });
  for (var i = 0; i < hello.devices.length; i++) if (hello.devices[i].name === name) return hello.devices[i].key;
  throw new Error("no device " + name);
}
function heldMails() {
  var held = {};
  for (var i = 0; i < pushes.length; i++) {
    var b = pushes[i];
    if (b.full) held = {};
    for (var j = 0; j < b.mails.length; j++) held[b.mails[j].id] = b.mails[j];
  }
  return held;
}
