// Evaluated in the Qt QJSEngine host after dist/sim/pt-sim.js and the lab
// reader bundled as ES2016 (global LabReader: src/lab-reader.ts, Subscriptions,
// decideFate): the classroom read through the simulated IPC, a host whose
// processes all throw, the cache and its events, and what a read and a
// prediction cost in this engine. The results go back as one object.
var GLOBAL = this;
var out = {};

function worldOf(spec) {
  var w = new PtSim.World({ clock: PtSim.hostClock(GLOBAL) });
  w.load(spec);
  return w;
}

/** The same host, with every IPC call counted (each method of every object the IPC hands out). */
function counted(host) {
  var calls = { n: 0 };
  function wrap(value) {
    if (!value || typeof value !== "object") return value;
    return new Proxy(value, {
      get: function (target, key) {
        var v = target[key];
        if (typeof v !== "function") return v;
        return function (...args) {
          calls.n++;
          return wrap(v.apply(target, args));
        };
      },
    });
  }
  return { host: Object.assign({}, host, { ipc: wrap(host.ipc) }), calls: calls };
}

/** Every getProcess of every device throws, as PT does for a bad call. */
function breakProcesses(w) {
  w.devices.forEach(function (d) {
    d.getProcess = function () {
      throw new Error('IPC Call ERROR: Server - Invalid arguments for IPC call "getProcess"');
    };
  });
}

// 1. The classroom, and the same classroom with every process throwing.
out.classroom = LabReader.readSnapshot(worldOf(PtSim.classroom()).host());
out.vlans = VLAN_SPECS.map(function (spec) {
  return LabReader.readSnapshot(worldOf(spec).host());
});
var broken = worldOf(PtSim.classroom());
breakProcesses(broken);
out.broken = LabReader.readSnapshot(broken.host());

// 2. The cache: one read, none while nothing changes, a read after an event, no handler left after stop().
var w = worldOf(PtSim.classroom());
var c = counted(w.host());
var errors = [];
var subs = new LabReader.Subscriptions(function (where, e) {
  errors.push(where + ": " + e);
});
var lab = new LabReader.LabSnapshot(c.host, subs, function (where, e) {
  errors.push(where + ": " + e);
});
lab.watch();
lab.get();
var first = c.calls.n;
lab.get();
var second = c.calls.n - first;
w.setLinkUp(w.links[4].id, false);
var before = c.calls.n;
var linkUp = lab.get().links[4].up;
var afterEvent = c.calls.n - before;
var handlers = subs.count;
lab.stop();
out.cache = {
  first: first,
  second: second,
  afterEvent: afterEvent,
  linkUp: linkUp,
  handlers: handlers,
  handlersLeft: subs.count,
  errors: errors,
};

// 3. What it costs: IPC calls for one read, and wall-clock ms per read and per prediction.
function bench(spec, runs) {
  var world = worldOf(spec);
  var probe = counted(world.host());
  LabReader.readSnapshot(probe.host);
  var host = world.host();
  var t0 = __host.realMs();
  for (var i = 0; i < runs; i++) LabReader.readSnapshot(host);
  return { devices: world.devices.length, calls: probe.calls.n, ms: (__host.realMs() - t0) / runs };
}
out.bench = { classroom: bench(PtSim.classroom(), 40), large: bench(PtSim.largeLab(40), 20) };

var mails = [
  {
    device: "PC-Alice",
    from: "alice@alpha.edu",
    to: "carol@alpha.edu",
    password: "alice123",
    server: "mail.alpha.edu",
  },
  { device: "PC-Alice", from: "alice@alpha.edu", to: "bob@beta.org", password: "alice123", server: "mail.alpha.edu" },
  { device: "PC-Bob", from: "bob@beta.org", to: "nobody@alpha.edu", password: "bob123", server: "mail.beta.org" },
  { device: "Laptop-Dave", from: "dave@alpha.edu", to: "erin@beta.org", password: "wrong", server: "10.1.0.10" },
];
var behaviour = LabReader.defaultBehaviour();
var rounds = 200;
var fates = mails.map(function (m) {
  return LabReader.decideFate(out.classroom, m, behaviour).codes.join(",");
});
var t0 = __host.realMs();
for (var r = 0; r < rounds; r++)
  for (var j = 0; j < mails.length; j++) LabReader.decideFate(out.classroom, mails[j], behaviour);
out.predict = { mails: mails, fates: fates, ms: (__host.realMs() - t0) / (rounds * mails.length) };

__host.result(out);
