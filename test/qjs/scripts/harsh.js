// Issue 14 classes 1-5 in the Qt engine PT runs: Simulation mode read inside
// the engine, the watchdog freeing PT's client, new wrappers per call, a denied
// privilege, and mailSent args in other shapes. Each part starts and stops the
// engine; the results go back as one object.
var out = {};
function send(device, to, subject) {
  return value({
    type: "sendMail",
    device: keyOf(device),
    from: world.device(device).email.user.mailId,
    password: world.device(device).email.user.password,
    server: world.device(device).email.user.smtpServer,
    mails: [{ to: to, subject: subject, body: "" }],
  });
}
function stateOf(to) {
  var mails = value({ type: "changesSince", seq: 0, epoch: 0 }).mails;
  for (var i = mails.length - 1; i >= 0; i--)
    if (mails[i].to === to) return mails[i].state + (mails[i].waitingForSimulation ? "+waiting" : "");
  return "none";
}

// 1. Simulation mode: a mail waits instead of failing by the wall clock; a change with no event is noticed.
main();
value({ type: "saveSettings", settings: { watchdogMs: 5000 } });
world.simulation.setSimulationMode(true);
send("PC-Alice", "carol@alpha.edu", "sim");
__host.advance(20000);
out.simWaiting = stateOf("carol@alpha.edu");
world.setSimulationMode(false); // PT left Simulation mode and said nothing
__host.advance(4000);
out.simNoticed = value({ type: "changesSince", seq: 0, epoch: 0 }).status.simulationMode;
__host.advance(10000);
out.simDone = stateOf("carol@alpha.edu");
cleanUp();

// 2. The watchdog gives up with cancelSend, so the queue goes on.
main();
value({ type: "saveSettings", settings: { watchdogMs: 5000 } });
var teacher = world.device("PC-Teacher").email.smtp;
var realSend = teacher.sendMail,
  realCancel = teacher.cancelSend;
var busy = false,
  first = true,
  cancels = 0;
teacher.sendMail = function (a, b, c, d, e, f) {
  if (busy) return false;
  if (first) {
    first = false;
    busy = true;
    return true;
  }
  return realSend.call(teacher, a, b, c, d, e, f);
};
teacher.cancelSend = function () {
  cancels++;
  busy = false;
  return realCancel.call(teacher);
};
value({
  type: "sendMail",
  device: keyOf("PC-Teacher"),
  from: "teacher@alpha.edu",
  password: "teach123",
  server: "mail.alpha.edu",
  mails: [
    { to: "alice@alpha.edu", subject: "w1", body: "" },
    { to: "dave@alpha.edu", subject: "w2", body: "" },
  ],
});
__host.advance(20000);
out.watchdog = [stateOf("alice@alpha.edu"), stateOf("dave@alpha.edu"), cancels];
teacher.sendMail = realSend;
teacher.cancelSend = realCancel;
cleanUp();

// 3. A new JS wrapper for the same SmtpClient on every call.
var bob = world.device("PC-Bob");
var realGet = bob.getProcess;
bob.getProcess = function (name) {
  var p = realGet.call(bob, name);
  if (!p || name !== "EmailClient") return p;
  return {
    getEmailUser: function () {
      return p.getEmailUser();
    },
    getSmtpClient: function () {
      var s = p.getSmtpClient();
      return {
        sendMail: function (a, b, c, d, e, f) {
          return s.sendMail(a, b, c, d, e, f);
        },
        cancelSend: function () {
          return s.cancelSend();
        },
        registerEvent: function (a, b, c) {
          return s.registerEvent(a, b, c);
        },
        unregisterEvent: function (a, b, c) {
          return s.unregisterEvent(a, b, c);
        },
        getObjectUuid: function () {
          return s.getObjectUuid();
        },
      };
    },
  };
};
main();
send("PC-Bob", "erin@beta.org", "wrapped");
__host.advance(12000);
out.wrappers = [stateOf("erin@beta.org"), bob.email.smtp.listeners("mailSent")];
cleanUp();
bob.getProcess = realGet;

// 4. AppWindow denied: the rest still starts, and the status names the privilege.
var realApp = world.ipc.appWindow;
world.ipc.appWindow = function () {
  throw new Error("denied");
};
main();
var opened = value({ type: "openPanel" });
out.denied = [
  opened.devices.length,
  world.webViewManager.views.length,
  (opened.status.unavailable || []).length > 0,
  /Change GUI/.test((opened.status.unavailable || []).join(" ")),
];
cleanUp();
world.ipc.appWindow = realApp;

// 5. mailSent as JSON text, and a response type by its enum name.
main();
var erin = world.device("PC-Erin").email.smtp;
erin.emit("mailSent", JSON.stringify({ dest: "j@beta.org", subject: "json", body: "", responseType: 2 }));
erin.emit("mailSent", { dest: "n@beta.org", subject: "enum", body: "", responseType: "eSmtpServerNotFound" });
out.shapes = [stateOf("j@beta.org"), stateOf("n@beta.org")];
cleanUp();

__host.result(out);
