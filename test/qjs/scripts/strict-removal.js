// A Packet Tracer that is strict with the objects it destroys (issue 23). What
// real PT does with a call on a destroyed object is not known; the project's
// notes say to unsubscribe before objects vanish (research/pt-api.md §3). So,
// on the simulator: once an object's removal event has been handled
// (deviceRemoving for a device, its ports and its email client; fileClosing for
// every device, port, cable and the workspace of the file), a registerEvent or
// unregisterEvent on it is recorded; an object disposed of while it still holds
// handlers is recorded; and once disposed, any call into it is recorded.
// The simulator itself never registers events, and it stops using an object
// once it has disposed of it, so whatever is recorded came from the engine.
// A classic script (the Qt hosts evaluate it before their scenario; the unit
// suite evaluates the same text): it defines strictAboutRemoval(world).
function strictAboutRemoval(world) {
  var calls = [];
  var base = Object.getPrototypeOf(world.app);
  while (base && !Object.prototype.hasOwnProperty.call(base, "registerEvent")) base = Object.getPrototypeOf(base);
  if (!base) throw new Error("strictAboutRemoval: no SimObject prototype");
  var real = { emit: base.emit, dispose: base.dispose, on: base.registerEvent, off: base.unregisterEvent };
  var SIM_ONLY = { constructor: 1, emit: 1, dispose: 1, listeners: 1 };

  function nameOf(o) {
    var device = o.device;
    var owner = device ? " of " + device.name : "";
    return (o.className || "object") + (o.name ? " " + o.name : "") + owner;
  }
  function objectsOf(d) {
    var out = [d];
    var email = d.email;
    if (email) out.push(email.smtp);
    var n = d.getPortCount();
    for (var i = 0; i < n; i++) {
      var p = d.getPortAt(i);
      if (p) out.push(p);
    }
    return out;
  }
  function everything() {
    var out = [world.app.workspace.logical];
    for (var i = 0; i < world.devices.length; i++) out = out.concat(objectsOf(world.devices[i]));
    var links = world.network.getLinkCount();
    for (var j = 0; j < links; j++) out.push(world.network.getLinkAt(j));
    return out;
  }
  function removed(list) {
    for (var i = 0; i < list.length; i++) if (list[i]) list[i].__removed = true;
  }

  base.emit = function (event, args) {
    var result = real.emit.call(this, event, args);
    if (event === "deviceRemoving" && args && typeof args.name === "string") {
      var d = world.device(args.name);
      if (d) removed(objectsOf(d));
    }
    if (event === "fileClosing") removed(everything());
    return result;
  };
  base.registerEvent = function (event, context, handler) {
    if (this.__removed && !this.__destroyed) calls.push("registerEvent " + event + " on removed " + nameOf(this));
    return real.on.call(this, event, context, handler);
  };
  base.unregisterEvent = function (event, context, handler) {
    if (this.__removed && !this.__destroyed) calls.push("unregisterEvent " + event + " on removed " + nameOf(this));
    return real.off.call(this, event, context, handler);
  };
  base.dispose = function () {
    var handlers = this.registrations || [];
    if (this.__removed && handlers.length)
      calls.push("disposed " + nameOf(this) + " with " + handlers.length + " handler(s)");
    var result = real.dispose.call(this);
    if (this.__removed) poison(this);
    return result;
  };
  function poison(o) {
    o.__destroyed = true;
    for (
      var proto = Object.getPrototypeOf(o);
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      var names = Object.getOwnPropertyNames(proto);
      for (var i = 0; i < names.length; i++) {
        var name = names[i];
        if (SIM_ONLY[name] || Object.prototype.hasOwnProperty.call(o, name)) continue;
        var desc = Object.getOwnPropertyDescriptor(proto, name);
        if (!desc || typeof desc.value !== "function") continue;
        o[name] = recorder(o, name, desc.value);
      }
    }
  }
  function recorder(o, name, fn) {
    return function (...args) {
      calls.push(name + " on destroyed " + nameOf(o));
      return fn.apply(this, args);
    };
  }
  return {
    calls: calls,
    restore: function () {
      base.emit = real.emit;
      base.dispose = real.dispose;
      base.registerEvent = real.on;
      base.unregisterEvent = real.off;
    },
  };
}
