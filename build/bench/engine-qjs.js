// npm run bench, inside Qt's QJSEngine: the shipped engine.js on the simulator
// (dist/sim/pt-sim.js), timed with the wall clock (__host.realMs). Evaluated
// after test/qjs/scripts/setup.js, which gives `world`, `ask`, `value`, `keyOf`.
// Every figure is a median over rounds, beside a floor measured in this run.
function median(xs) {
  var s = xs.slice().sort(function (a, b) {
    return a - b;
  });
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function timeIt(fn) {
  var t = __host.realMs();
  fn();
  return __host.realMs() - t;
}
var smtp = world.device("PC-Carol").email.smtp;
var n = 0;
function emit(code) {
  n++;
  smtp.emit("mailSent", {
    dest: "u" + n + "@alpha.edu",
    subject: "Lab " + (n % 50),
    body: "Exercise " + n,
    responseType: code,
  });
}
function fill(count) {
  for (var i = 0; i < count; i++) emit(6);
}
/** ms per event for `count` events, the log already holding what it holds. */
function perEvent(count) {
  return (
    timeIt(function () {
      fill(count);
    }) / count
  );
}
/**
 * The engine's heap, for build/bench.mjs's engineHeap (which defines
 * BENCH_HEAP_ENTRIES and turns Qt's GC statistics on): the log empty, then
 * holding `entries` ended mails. In each phase, garbage enough for several
 * collections (each one's "after" is what the engine holds), then half a
 * second allocating nothing while the bench reads the process's memory.
 */
function heapFigures(entries) {
  main();
  value({ type: "saveSettings", settings: { cap: Math.max(entries, 1000) } });
  settle("empty");
  fill(entries);
  settle("full");
  var held = value({ type: "changesSince", seq: 0, epoch: 0 }).mails.length;
  cleanUp();
  __host.result({ entries: entries, held: held });
}
function settle(phase) {
  console.log("HEAP " + phase + " collect");
  var junk = null;
  for (var i = 0; i < 200000; i++) junk = { i: i, pair: [i, i + 1] };
  console.log("HEAP " + phase + " hold");
  var t = __host.realMs();
  while (__host.realMs() - t < 500) junk = null;
  console.log("HEAP " + phase + " done");
}

if (typeof BENCH_HEAP_ENTRIES === "number") heapFigures(BENCH_HEAP_ENTRIES);
else timings();

function timings() {
  var out = {};
  var M = 2000;
  var CATCH_UP_CHUNK = 100; // src/protocol.ts CATCH_UP_CHUNK: the rows the panel asks for per catch-up answer

  // 1. capEventRatio: one event at a full log / one just below the cap (the same heap, so the
  //    garbage collector's share is the same), at 1,000, the default (5,000) and the largest (100,000).
  out.capEventRatio = {};
  [1000, 5000, 100000].forEach(function (cap) {
    var below = [],
      full = [];
    var k = Math.min(M, cap / 2);
    for (var round = 0; round < (cap > 10000 ? 1 : 3); round++) {
      main();
      value({ type: "saveSettings", settings: { cap: cap } });
      fill(cap - k);
      below.push(perEvent(k));
      full.push(perEvent(k));
      cleanUp();
    }
    out.capEventRatio[cap] = {
      belowMs: median(below),
      fullMs: median(full),
      ratio: median(full) / Math.max(median(below), 1e-6),
    };
  });

  // 2-3. At the largest cap, full: a push-sized pull of one change against stringifying that change; the longest calls.
  // Every event of the fill is timed: the longest includes any garbage collection that landed in one.
  main();
  value({ type: "saveSettings", settings: { cap: 100000 } });
  var longestEvent = 0;
  for (var f = 0; f < 100000; f++) {
    var took = timeIt(function () {
      emit(6);
    });
    if (took > longestEvent) longestEvent = took;
  }
  var opened = value({ type: "openPanel", limit: CATCH_UP_CHUNK });
  var pulls = [],
    strings = [];
  var REPEAT = 5000; // the clock has 1 ms steps: time many identical pulls of the same one change
  for (var i = 0; i < 5; i++) {
    var seq = value({ type: "changesSince", seq: 0, epoch: 0, limit: 1 }).seq;
    emit(2);
    var changed = value({ type: "changesSince", seq: seq, epoch: opened.epoch });
    if (changed.mails.length !== 1) throw new Error("expected one changed mail, got " + changed.mails.length);
    pulls.push(
      timeIt(function () {
        for (var r = 0; r < REPEAT; r++) mailConsoleRequest({ type: "changesSince", seq: seq, epoch: opened.epoch });
      }) / REPEAT,
    );
    strings.push(
      timeIt(function () {
        for (var r = 0; r < REPEAT; r++) JSON.stringify(changed.mails);
      }) / REPEAT,
    );
  }
  out.pushRatio = {
    pullMs: median(pulls),
    stringifyMs: median(strings),
    ratio: median(pulls) / Math.max(median(strings), 1e-4),
  };
  var calls = {};
  calls.event = longestEvent;
  calls.pull = median(pulls);
  var chunks = [];
  var first = null;
  chunks.push(
    timeIt(function () {
      first = value({ type: "changesSince", seq: 0, epoch: 0, limit: CATCH_UP_CHUNK });
    }),
  );
  var last = first.mails[first.mails.length - 1].id;
  for (var c = 0; c < 20; c++) {
    var next = null;
    chunks.push(
      timeIt(function () {
        next = value({ type: "changesSince", seq: first.seq, epoch: first.epoch, limit: CATCH_UP_CHUNK, after: last });
      }),
    );
    last = next.mails[next.mails.length - 1].id;
  }
  calls.catchUpChunk = Math.max.apply(null, chunks);
  calls.cleanUp = timeIt(function () {
    cleanUp();
  });
  out.longestEngineCallMs = calls;

  // bytesPerMail: one typical delivered mail as it goes over the wire.
  var sendTypical = function () {
    value({
      type: "sendMail",
      device: keyOf("PC-Alice"),
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
      mails: [
        {
          to: "carol@alpha.edu",
          subject: "Lab 4 results",
          body: "Hi Carol, your lab 4 results are in the shared folder. See you on Monday.",
        },
      ],
    });
  };
  main();
  sendTypical();
  __host.advance(5000);
  // As the engine answers it, before anything decodes it (setup.js's value() decodes the wire format).
  var raw = JSON.parse(mailConsoleRequest({ type: "changesSince", seq: 0, epoch: 0 }));
  var typical = value({ type: "changesSince", seq: 0, epoch: 0 }).mails[0];
  // The same mail an hour into a session, as mail 5,001: its times and numbers take more digits.
  for (var more = 0; more < 5000; more++) emit(6);
  __host.advance(3600000);
  sendTypical();
  var since = value({ type: "changesSince", seq: 0, epoch: 0, limit: 1 }).seq;
  __host.advance(5000);
  var later = JSON.parse(mailConsoleRequest({ type: "changesSince", seq: since, epoch: raw.value.epoch })).value.mails;
  out.bytesPerMail = {
    bytes: JSON.stringify(raw.value.mails[0]).length,
    laterBytes: JSON.stringify(later[later.length - 1]).length,
    mailText: ("alice@alpha.edu" + "carol@alpha.edu" + typical.subject + typical.body).length,
    state: typical.state,
  };
  cleanUp();

  // deviceAddCalls: getProcess calls while 300 devices are added one by one, the engine running.
  main();
  var proto = Object.getPrototypeOf(world.devices[0]);
  var realGetProcess = proto.getProcess;
  var getProcessCalls = 0;
  proto.getProcess = function (name) {
    getProcessCalls++;
    return realGetProcess.call(this, name);
  };
  for (var a = 0; a < 300; a++)
    world.addDevice({ name: "PC-A" + a, kind: "pc", ip: "10.8." + (a >> 8) + "." + (a & 255) });
  proto.getProcess = realGetProcess;
  out.deviceAddCalls = getProcessCalls;
  cleanUp();

  // 4. cleanUpMs at 1,000 devices against the floor of unregistering their handlers directly.
  for (var d = 0; d < 691; d++)
    world.addDevice({ name: "PC-B" + d, kind: "pc", ip: "10.9." + (d >> 8) + "." + (d & 255) });
  var cleanUps = [],
    floors = [];
  /** Registers 3 handlers per device as the engine does, and answers the ms to unregister them all. */
  var floorOnce = function () {
    var regs = [];
    for (var k = 0; k < world.devices.length; k++) {
      var dev = world.devices[k];
      var h = function () {};
      dev.registerEvent("nameChanged", null, h);
      dev.registerEvent("powerChanged", null, h);
      if (dev.email) dev.email.smtp.registerEvent("mailSent", null, h);
      regs.push([dev, h]);
    }
    return timeIt(function () {
      for (var q = 0; q < regs.length; q++) {
        regs[q][0].unregisterEvent("nameChanged", null, regs[q][1]);
        regs[q][0].unregisterEvent("powerChanged", null, regs[q][1]);
        if (regs[q][0].email) regs[q][0].email.smtp.unregisterEvent("mailSent", null, regs[q][1]);
      }
    });
  };
  // Each takes a few ms and the clock has 1 ms steps: the floor of a round is the mean of 5. A
  // collection before each (the host's gc()) keeps the bench's own garbage out of what is timed;
  // longestEngineCallMs is where collections landing in a call are counted.
  for (var round2 = 0; round2 < 9; round2++) {
    main();
    gc();
    cleanUps.push(
      timeIt(function () {
        cleanUp();
      }),
    );
    var five = 0;
    for (var f5 = 0; f5 < 5; f5++) {
      gc();
      five += floorOnce();
    }
    floors.push(five / 5);
  }
  out.cleanUpMs = {
    devices: world.devices.length,
    ms: median(cleanUps),
    floorMs: median(floors),
    ratio: median(cleanUps) / Math.max(median(floors), 0.2),
    runs: cleanUps,
    floorRuns: floors,
  };
  __host.result(out);
}
