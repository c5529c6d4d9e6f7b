// npm run bench, inside Qt's QJSEngine: what loading the shipped engine.js costs PT when the module
// starts (issue 20's size question, answered by a measurement rather than a round number). Evaluated
// after dist/sim/pt-sim.js, test/qjs/scripts/setup.js (PT's globals over the simulated classroom) and a
// generated file defining ENGINE_SRC (engine.js's text) and FLOOR_SRC (the same number of characters
// as one string literal: the cost of reading that much script and nothing else).
function median(xs) {
  var s = xs.slice().sort(function (a, b) {
    return a - b;
  });
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
var loads = [];
var floors = [];
var evals = [];
for (var round = 0; round < 9; round++) {
  // The floor is a fraction of a millisecond: timed over 50 reads, as one read's share.
  var t0 = __host.realMs();
  for (var k = 0; k < 50; k++) new Function(FLOOR_SRC)();
  floors.push((__host.realMs() - t0) / 50);
  // Parse and run the bundle's top level, then main(): what PT does when the module starts.
  var t1 = __host.realMs();
  // engine.js's text as a function body: its top-level globals stay inside, so the function hands the module out.
  var mod = new Function(ENGINE_SRC + "\n;return MailConsoleModule;")();
  evals.push(__host.realMs() - t1);
  mod.main();
  loads.push(__host.realMs() - t1);
  mod.cleanUp();
}
console.log("RESULT " + JSON.stringify({ loadMs: median(loads), evalMs: median(evals), floorMs: median(floors) }));
