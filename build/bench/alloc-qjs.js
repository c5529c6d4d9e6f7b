// What judging mails allocates in Qt's engine (issue 23): every 4 MB or so a script allocates costs a
// collection (10-15 ms at 300 devices, all live items marked), paid by whichever call is running, so
// allocation is what makes calls slow in a busy class. Evaluated after build/bench/soak-qjs.js (its
// classroom of 300 devices and its emitOne, with SOAK_FUNCTIONS_ONLY) and run with Qt's GC statistics
// on: between "ALLOC <phase> begin" and "ALLOC <phase> end" (a collection at each), the caller sums
// what each collection freed. Phases:
//   idle: the simulator and the host with the engine doing nothing (timers run, no mail): the floor;
//   warm: 3,000 mails from 295 PCs judged against a snapshot they were all judged on before;
//   first: the lab changed (a PC's DNS server, which PT announces nowhere) and read again, then one mail
//          from each PC: each sender's first judgment on the new snapshot (x3);
//   same: the lab read again and found unchanged, then one mail from each PC: the read answers the last
//         snapshot itself, so what was worked out over it stays (x3);
//   labCheck: a whole Lab check of the 300 devices, every page read, per cell (every sender × account).
world.webViewManager.onEvaluate = function () {};
world.openFile(classroomOf("Classroom A", PCS));
main();
var opened = value({ type: "openPanel" });
readSenders();
var n = 0;
/** Until the lab's read under way (if any) is done and every verdict that waited on it is given. */
function drain() {
  for (var k = 0; k < 400; k++) __host.advance(1);
}
function phase(name, fn) {
  gc();
  console.log("ALLOC " + name + " begin");
  var events = fn();
  gc();
  console.log("ALLOC " + name + " end " + events);
}
for (var i = 0; i < 3000; i++) emitOne(n++);
drain();
phase("idle", function () {
  for (var i = 0; i < 3000; i++) __host.advance(1);
  return 3000;
});
phase("warm", function () {
  for (var i = 0; i < 3000; i++) emitOne(n++);
  return 3000;
});
/** The snapshot aged out (changed or not): one mail starts the read, its slices run, then each sender's mail. */
function afterRead(name, change) {
  change();
  __host.advance(6000);
  emitOne(n++);
  drain();
  phase(name, function () {
    for (var i = 0; i < senders.length; i++) emitOne(n++);
    return senders.length;
  });
}
var dns = world.device("PC-" + (PCS - 1)).getProcess("DnsClient");
for (var round = 0; round < 3; round++) {
  afterRead("first", function () {
    dns.setServerIp(round % 2 ? "10.1.0.10" : "10.2.0.10");
  });
  afterRead("same", function () {});
}
// A whole Lab check, every page read, after a mail read the lab: what each of its cells allocates.
__host.advance(6000);
emitOne(n++);
drain();
phase("labCheck", function () {
  labCheck();
  return labChecks[labChecks.length - 1].cells;
});
cleanUp();
__host.result({ senders: senders.length });
