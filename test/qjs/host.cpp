// A tiny stand-in for Packet Tracer's script engine: one QJSEngine with the
// console extension, as PT has, plus setTimeout/setInterval (PT adds them to
// its engine) driven by a virtual clock the test advances with
// __host.advance(ms), and gc() (QJSEngine's garbage collection extension, which
// PT's engine need not have: for tests that count heap items, never for the
// engine). It evaluates the files named on the command line in one
// global scope, in order, the way PT evaluates a module's script files.
//
// Exit codes: 0 ok; 2 a file could not be read; 3 an uncaught exception while
// evaluating a file; 4 an uncaught exception in a timer callback (in PT either
// would open a modal error dialog).
#include <QCoreApplication>
#include <QFile>
#include <QJSEngine>
#include <QJSValue>
#include <QString>
#include <cstdio>
#include <malloc.h>

static void toStdout(QtMsgType type, const QMessageLogContext &, const QString &msg) {
  const char *prefix = type == QtDebugMsg || type == QtInfoMsg ? "" : "[qt] ";
  std::fprintf(stdout, "%s%s\n", prefix, msg.toUtf8().constData());
  std::fflush(stdout);
  // console.log("__host: trim") (build/bench/soak-qjs.js at a checkpoint): glibc gives back the free memory
  // it keeps, so that resident memory is what the process holds. A line, as a call needs a QObject and moc.
  if (msg == QLatin1String("__host: trim")) malloc_trim(0);
}

static const char *PRELUDE = R"JS(
var __host = (function (global) {
  var now = 0, nextId = 1, timers = {}, uncaught = [];
  function add(fn, ms, repeat) {
    if (typeof fn !== "function") throw new TypeError("timer callback is not a function");
    var id = nextId++;
    ms = Math.max(0, Number(ms) || 0);
    timers[id] = { id: id, fn: fn, at: now + ms, ms: ms, repeat: repeat, seq: id };
    return id;
  }
  function clear(id) { delete timers[id]; }
  global.setTimeout = function (fn, ms) { return add(fn, ms, false); };
  global.setInterval = function (fn, ms) { return add(fn, ms, true); };
  global.clearTimeout = clear;
  global.clearInterval = clear;
  global.dprint = function (m) { console.log("dprint: " + m); };
  var epoch = 1767225600000;
  var realNow = Date.now;
  Date.now = function () { return epoch + now; };
  function due(limit) {
    var best = null;
    for (var k in timers) {
      var t = timers[k];
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    return best;
  }
  function advance(ms) {
    var end = now + Math.max(0, ms), ran = 0;
    for (var t = due(end); t; t = due(end)) {
      now = t.at;
      if (t.repeat) { t.at = now + Math.max(1, t.ms); t.seq = nextId++; } else delete timers[t.id];
      try { t.fn(); } catch (e) { uncaught.push(String(e) + (e && e.stack ? "\n" + e.stack : "")); }
      if (++ran > 1000000) throw new Error("timer storm: more than a million callbacks in one advance");
    }
    now = end;
  }
  return {
    advance: advance,
    now: function () { return now; },
    /** Wall-clock ms, for npm run bench (Date.now is the virtual clock). */
    realMs: function () { return realNow.call(Date); },
    activeTimers: function () { var n = 0; for (var k in timers) n++; return n; },
    uncaught: uncaught,
    result: function (value) { console.log("RESULT " + JSON.stringify(value)); }
  };
})(this);
)JS";

static void pump(QCoreApplication &app) {
  // Promise reactions run as queued Qt events (research/qt-jsengine.md): drain them.
  for (int i = 0; i < 50; ++i) app.processEvents();
}

static int report(const QJSValue &error, const char *file) {
  std::fprintf(stdout, "UNCAUGHT %s:%d: %s\n", file, error.property("lineNumber").toInt(),
               error.toString().toUtf8().constData());
  std::fflush(stdout);
  return 3;
}

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  qInstallMessageHandler(toStdout);
  QJSEngine engine;
  engine.installExtensions(QJSEngine::ConsoleExtension | QJSEngine::GarbageCollectionExtension);
  QJSValue prelude = engine.evaluate(QString::fromUtf8(PRELUDE), "qjs-host-prelude.js");
  if (prelude.isError()) return report(prelude, "prelude");
  std::fprintf(stdout, "QT_VERSION %s\n", qVersion());
  for (int i = 1; i < argc; ++i) {
    QFile f(QString::fromLocal8Bit(argv[i]));
    if (!f.open(QIODevice::ReadOnly)) {
      std::fprintf(stdout, "CANNOT READ %s\n", argv[i]);
      return 2;
    }
    QJSValue result = engine.evaluate(QString::fromUtf8(f.readAll()), QString::fromLocal8Bit(argv[i]));
    pump(app);
    if (result.isError()) return report(result, argv[i]);
  }
  QJSValue uncaught = engine.globalObject().property("__host").property("uncaught");
  int n = uncaught.property("length").toInt();
  for (int i = 0; i < n; ++i)
    std::fprintf(stdout, "UNCAUGHT in timer: %s\n", uncaught.property(i).toString().toUtf8().constData());
  return n ? 4 : 0;
}
