// Evaluated in the Qt QJSEngine host after dist/sim/pt-sim.js and before the
// built engine.js: a simulated classroom behind PT's globals, on the host's
// virtual timers, and a fake web view that evaluates every push.
var world = new PtSim.World({ clock: PtSim.hostClock(this), stepMs: 100, timeoutMs: 3000 });
world.load(PtSim.classroom());
PtSim.installPtGlobals(this, world);
var pushes = [];
world.webViewManager.onEvaluate = function (view, js) {
  var fakeWindow = {
    mailConsolePush: function (push) {
      pushes.push(PtSim.decodeChanges(push));
    },
  };
  new Function("window", js)(fakeWindow);
};
function ask(request) {
  // $se may deliver the request as an object or as JSON text: the engine takes both.
  return answerOf(request, mailConsoleRequest(request));
}
/** The engine's answer text as the panel decodes it: answers carrying mails come encoded (src/wire.ts). */
function answerOf(request, text) {
  return PtSim.replyFromWire(request.type, JSON.parse(text));
}
/** The value of a request that must succeed. */
function value(request) {
  return acceptedValue(request, ask(request));
}
function acceptedValue(request, reply) {
  if (!reply.ok) throw new Error(JSON.stringify(request) + " refused: " + reply.error);
  return reply.value;
}
function keyOf(name) {
  var all = value({ type: "changesSince", seq: 0, epoch: 0 });
  for (var i = 0; i < all.devices.length; i++) if (all.devices[i].name === name) return all.devices[i].key;
  throw new Error("no device " + name);
}
function heldMails() {
  var held = {};
  for (var i = 0; i < pushes.length; i++) {
    var b = pushes[i];
    if (b.type !== "changed") throw new Error("a push of an unknown type: " + b.type);
    if (b.full) held = {};
    for (var j = 0; j < b.mails.length; j++) held[b.mails[j].id] = b.mails[j];
  }
  return held;
}
