// Hostile text from the network through mailSent -> engine -> pushed script:
// the pushes must evaluate and carry every string verbatim.
main();
value({ type: "openPanel" });
var smtp = world.device("PC-Carol").email.smtp;
var texts = JSON.parse(HOSTILE_JSON);
for (var i = 0; i < texts.length; i++) smtp.emit("mailSent", { dest: "x" + i + "@alpha.edu", subject: texts[i], body: texts[i], responseType: 2 });
__host.advance(1000);
var held = heldMails();
var same = 0, differ = [];
for (var id in held) {
  var m = held[id];
  var n = Number(m.to.slice(1, m.to.indexOf("@")));
  if (m.subject === texts[n] && m.body === texts[n]) same++;
  else differ.push(n);
}
cleanUp();
__host.result({ count: texts.length, same: same, differ: differ, flag: typeof INJECTED === "undefined" ? "clean" : "injected" });
