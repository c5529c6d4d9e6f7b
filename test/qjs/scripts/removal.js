// Objects PT destroys (issue 23), in the Qt engine PT runs: after a mail ended
// (the lab read watched every device, port and the workspace), a PC and a
// switch are deleted, then another file is opened and a new one started. Check,
// the Lab check and mails that end read the lab after each; strictAboutRemoval
// (strict-removal.js, evaluated before the engine) records any call into what
// was removed.
var strict = strictAboutRemoval(world);
var before = PtSim.liveRegistrations.count;
function send(device, to) {
  var u = world.device(device).email.user;
  return value({
    type: "sendMail",
    device: keyOf(device),
    from: u.mailId,
    password: u.password,
    server: u.smtpServer,
    mails: [{ to: to, subject: "s", body: "" }],
  });
}
function stateOf(to) {
  var mails = value({ type: "changesSince", seq: 0, epoch: 0 }).mails;
  for (var i = mails.length - 1; i >= 0; i--) if (mails[i].to === to) return mails[i].state;
  return "none";
}
function readTheLab(device, to) {
  var u = world.device(device).email.user;
  value({
    type: "predict",
    device: keyOf(device),
    from: u.mailId,
    password: u.password,
    server: u.smtpServer,
    to: [to],
  });
  value({ type: "labCheck" });
  send(device, to);
  __host.advance(5000);
  return stateOf(to);
}
main();
send("PC-Alice", "carol@alpha.edu");
__host.advance(5000);
var out = { states: [stateOf("carol@alpha.edu")], watched: [world.device("R1").listeners("powerChanged")] };
world.removeDevice("PC-Bob");
world.removeDevice("SW-Beta");
out.states.push(readTheLab("PC-Carol", "dave@alpha.edu"));
out.watched.push(world.device("R1").listeners("powerChanged"));
world.openFile(PtSim.oneLan());
out.states.push(readTheLab("PC-Ann", "ben@school.lab"));
out.watched.push(world.device("SW1").listeners("powerChanged"));
world.newFile();
value({ type: "labCheck" });
cleanUp();
out.calls = strict.calls;
out.left = PtSim.liveRegistrations.count - before;
__host.result(out);
