// main(), a send, a pushed batch, a cancel, cleanUp(): nothing may throw, and
// cleanUp must leave no handler and no timer behind.
var before = PtSim.liveRegistrations.count;
main();
var afterMain = PtSim.liveRegistrations.count;
var opened = ask(JSON.stringify({ type: "openPanel" }));
var alice = keyOf("PC-Alice");
var sent = value({
  type: "sendMail",
  device: alice,
  from: "alice@alpha.edu",
  password: "alice123",
  server: "mail.alpha.edu",
  mails: [
    { to: "carol@alpha.edu", subject: "Hi", body: "one" },
    { to: "bob@beta.org", subject: "Hi", body: "two" },
  ],
});
__host.advance(5000);
var held = heldMails();
var delivered = [];
for (var id in held)
  delivered.push(
    held[id].to +
      ":" +
      held[id].state +
      ":" +
      held[id].events
        .map(function (e) {
          return e.code;
        })
        .join(","),
  );
value({
  type: "sendMail",
  device: alice,
  from: "alice@alpha.edu",
  password: "alice123",
  server: "mail.alpha.edu",
  mails: [
    { to: "dave@alpha.edu", subject: "Later", body: "three" },
    { to: "erin@beta.org", subject: "Later", body: "four" },
  ],
});
__host.advance(150);
var cancelled = value({ type: "cancelSend", device: alice });
__host.advance(20000);
var states = value({ type: "changesSince", seq: 0, epoch: 0 }).mails.map(function (m) {
  return m.to + ":" + m.state;
});
var menu = world.app.menu.items.length;
cleanUp();
__host.result({
  openedOk: opened.ok,
  sentIds: sent.ids,
  delivered: delivered,
  pushes: pushes.length,
  cancelled: cancelled.cancelled,
  states: states,
  handlersAdded: afterMain - before,
  handlersLeft: PtSim.liveRegistrations.count - before,
  timersLeft: __host.activeTimers(),
  menuBefore: menu,
  menuAfter: world.app.menu.items.length,
  views: world.webViewManager.views.length,
});
