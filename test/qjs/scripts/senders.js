// Heap items a snapshot keeps per sender, as Qt's collector counts them: a class
// of SENDERS PCs on one switch (one LAN), each mailing once while one snapshot
// lives. What the model works out for a sender's mail is kept on the snapshot's
// index for the next mail; a LAN seen from every sender was kept too, and a LAN
// grows with the class, so the class cost its square (issue 23).
var users = {};
var devices = [{ name: "SW", kind: "switch" }];
var links = [];
for (var i = 0; i < SENDERS; i++) {
  users["u" + i] = "pw";
  devices.push({
    name: "PC-" + i,
    kind: "pc",
    ip: "10.0." + (1 + Math.floor(i / 200)) + "." + (10 + (i % 200)),
    mask: "255.255.0.0",
    gateway: "10.0.0.1",
    dns: "10.0.0.10",
    email: { mailId: "u" + i + "@school.lab", user: "u" + i, password: "pw", smtp: "mail.school.lab" },
  });
  links.push(["PC-" + i, "SW"]);
}
devices.push({
  name: "MAIL",
  kind: "server",
  ip: "10.0.0.10",
  mask: "255.255.0.0",
  gateway: "10.0.0.1",
  dns: "10.0.0.10",
  mailServer: { domain: "school.lab", users: users },
  dnsServer: { records: { "mail.school.lab": "10.0.0.10" } },
});
links.push(["MAIL", "SW"]);
world.openFile({ name: "One LAN", devices: devices, links: links });
main();
function mailFrom(i) {
  world.device("PC-" + i).email.smtp.emit("mailSent", {
    dest: "u" + ((i + 1) % SENDERS) + "@school.lab",
    subject: "Lab",
    body: "Exercise",
    responseType: 2,
  });
}
// The first mail has the lab read (a large lab is read a slice per call, on timers): within a snapshot's 5 s.
mailFrom(0);
__host.advance(500);
gc();
console.log("PHASE before");
for (var j = 1; j < SENDERS; j++) mailFrom(j);
__host.advance(500);
gc();
console.log("PHASE after");
__host.result({ rows: value({ type: "changesSince", seq: 0, epoch: 0, limit: 1 }).sent });
