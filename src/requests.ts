// The engine's one dispatcher for the panel: a switch on request.type. Every
// answer is data; nothing thrown here may reach PT, which would open a modal
// dialog and freeze the panel (research/pt-script-modules.md §1.3).
import type { MailConsole } from "./console";
import type { OutgoingMail, Request, Response } from "./protocol";

export function handleRequest(app: MailConsole, request: Request): Response {
  try {
    return dispatch(app, request);
  } catch (e) {
    app.report("request " + (request && (request as { type?: string }).type), e);
    return { ok: false, error: "The engine failed on this request: " + String(e && (e as Error).message ? (e as Error).message : e) };
  }
}

function dispatch(app: MailConsole, request: Request): Response {
  if (!request || typeof request !== "object") return { ok: false, error: "A request must be an object with a type." };
  switch (request.type) {
    case "hello": {
      const changes = app.changesSince(num(request.since, 0), num(request.epoch, 0));
      app.bridge.hello(changes.seq, changes.epoch);
      return Object.assign({ ok: true as const }, changes);
    }
    case "since":
      return Object.assign({ ok: true as const }, app.changesSince(num(request.seq, 0), num(request.epoch, 0)));
    case "send":
      return send(app, request);
    case "cancel": {
      const d = app.registry.get(String(request.device));
      if (!d) return { ok: false, field: "device", error: "That device is no longer in the topology." };
      return { ok: true, cancelled: app.outbox.cancel(d.key) };
    }
    case "clear":
      app.log.clear();
      app.bridge.changed();
      return { ok: true };
    case "save":
      return save(app, request.format, request.text);
    case "preset": {
      if (typeof request.device !== "string" || !request.device) return { ok: false, field: "device", error: "Name the device the preset is for." };
      app.savePreset(request.device, request.preset && typeof request.preset === "object" ? request.preset : {});
      return { ok: true };
    }
    case "settings":
      return { ok: true, settings: app.setSettings(request.settings || {}) };
    default:
      return { ok: false, error: "Unknown request type: " + String((request as { type?: unknown }).type) };
  }
}

function send(app: MailConsole, r: Extract<Request, { type: "send" }>): Response {
  const d = app.registry.get(String(r.device));
  if (!d) return { ok: false, field: "device", error: "From device: that device is no longer in the topology. Choose another one." };
  if (!d.powered) return { ok: false, field: "device", error: "From device: " + d.name + " is powered off. Turn it on in Packet Tracer first." };
  if (!Array.isArray(r.mails) || r.mails.length === 0) return { ok: false, field: "to", error: "To: add at least one recipient." };
  for (const field of ["from", "password", "server"] as const) {
    if (typeof r[field] !== "string") return { ok: false, field, error: field + ": must be text." };
  }
  const mails: OutgoingMail[] = [];
  for (const m of r.mails) {
    if (!m || typeof m.to !== "string" || !m.to.trim()) return { ok: false, field: "to", error: "To: a recipient address is empty." };
    mails.push({ to: m.to.trim(), subject: String(m.subject == null ? "" : m.subject), body: String(m.body == null ? "" : m.body) });
  }
  const ids: number[] = [];
  for (const m of mails) {
    const entry = app.log.add({
      origin: "console", deviceKey: d.key, device: d.name, from: r.from.trim(), to: m.to, subject: m.subject,
      body: m.body, server: r.server.trim(), state: "queued",
    });
    ids.push(entry.id);
    app.outbox.enqueue(d.key, entry, r.password);
  }
  return { ok: true, ids };
}

function save(app: MailConsole, format: unknown, text: unknown): Response {
  if (format !== "csv" && format !== "json") return { ok: false, field: "format", error: "Save as csv or json." };
  if (typeof text !== "string") return { ok: false, error: "Nothing to save." };
  const ipc = app.host.ipc;
  const folder = String(ipc.appWindow().getUserFolder()).replace(/[\\/]+$/, "");
  const path = folder + "/mail-console-" + stamp(new Date(app.host.now())) + "." + format;
  const ok = ipc.systemFileManager().writePlainTextToFile(path, text);
  if (ok === false) return { ok: false, error: "Packet Tracer could not write " + path + "." };
  return { ok: true, path };
}

function stamp(d: Date): string {
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  return d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate()) + "-" + p(d.getHours()) + p(d.getMinutes()) + p(d.getSeconds());
}

function num(value: unknown, fallback: number): number {
  const n = Number(value);
  return isFinite(n) ? n : fallback;
}
