// Heap items per ended row, as Qt's collector counts them: the host prints
// "N objects marked" for every collection (QV4_MM_STATS) and gc() runs one.
// Subjects and addresses are flat strings, as PT's native mailSent gives them.
var smtp = world.device("PC-Carol").email.smtp;
var n = 0;
function emit(code) {
  n++;
  smtp.emit("mailSent", {
    dest: ["u", n, "@alpha.edu"].join(""),
    subject: "Lab",
    body: "Exercise",
    responseType: code,
  });
}
main();
value({ type: "saveSettings", settings: { cap: 100000 } });
for (var i = 0; i < 100; i++) emit(6);
gc();
console.log("PHASE before");
for (var j = 0; j < ROWS; j++) emit(6);
gc();
console.log("PHASE after");
__host.result({ rows: value({ type: "changesSince", seq: 0, epoch: 0, limit: 1 }).sent });
