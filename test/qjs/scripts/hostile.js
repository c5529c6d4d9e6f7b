// Hostile text from the network through mailSent -> engine -> pushed script:
// the pushes must evaluate and carry every string verbatim.
main();
value({ type: "openPanel" });
var smtp = world.device("PC-Carol").email.smtp;
var texts = JSON.parse(HOSTILE_JSON);
for (var i = 0; i < texts.length; i++)
  smtp.emit("mailSent", { dest: "x" + i + "@alpha.edu", subject: texts[i], body: texts[i], responseType: 2 });
__host.advance(1000);
var held = heldMails();
var same = 0,
  differ = [];
for (var id in held) {
  var m = held[id];
  var n = Number(m.to.slice(1, m.to.indexOf("@")));
  // The log keeps the first 4,096 characters of a body (src/log.ts BODY_KEPT) and says how long it was.
  var body = texts[n].slice(0, 4096);
  var length = texts[n].length > 4096 ? texts[n].length : undefined;
  if (m.subject === texts[n] && m.body === body && m.bodyLength === length) same++;
  else differ.push(n);
}
cleanUp();
__host.result({
  count: texts.length,
  same: same,
  differ: differ,
  flag: typeof INJECTED === "undefined" ? "clean" : "injected",
});
