// The engine's one dispatcher for the panel: a switch on request.type over a
// handler per request type. Every answer is data; nothing thrown here may
// reach PT, which would open a modal dialog and freeze the panel
// (research/pt-script-modules.md §1.3).
import type { Refusal, Reply, Request, RequestOf, RequestType } from "./protocol";

/** One handler per request type, each answering its own result type. */
export type RequestHandlers = { [T in RequestType]: (request: RequestOf<T>) => Reply<T> };

/** Answers any value the panel sent: a request, or a clear refusal. Never throws. */
export function dispatch(
  handlers: RequestHandlers,
  request: unknown,
  report: (where: string, e: unknown) => void,
): Reply<RequestType> {
  if (!request || typeof request !== "object" || typeof (request as { type?: unknown }).type !== "string") {
    return refuse("A request must be an object with a type.");
  }
  const r = request as Request;
  try {
    return route(handlers, r);
  } catch (e) {
    return failed(r.type, e, report);
  }
}

function route(h: RequestHandlers, r: Request): Reply<RequestType> {
  switch (r.type) {
    case "openPanel":
      return h.openPanel(r);
    case "changesSince":
      return h.changesSince(r);
    case "sendMail":
      return h.sendMail(r);
    case "cancelSend":
      return h.cancelSend(r);
    case "readDevice":
      return h.readDevice(r);
    case "saveDraft":
      return h.saveDraft(r);
    case "predict":
      return h.predict(r);
    case "fidelityReport":
      return h.fidelityReport(r);
    case "labCheck":
      return h.labCheck(r);
    case "clearLog":
      return h.clearLog(r);
    case "saveLog":
      return h.saveLog(r);
    case "saveSettings":
      return h.saveSettings(r);
    default:
      return unknownType(r);
  }
}

/** The compiler proves every request type has a case above: `r` is `never` here. */
function unknownType(r: never): Refusal {
  return refuse("Unknown request type: " + String((r as { type?: unknown }).type));
}

/** A handler threw: reported, and answered as a refusal that says so. */
export function failed(type: string, e: unknown, report: (where: string, e: unknown) => void): Refusal {
  report("request " + type, e);
  return refuse("The engine failed on this request: " + messageOf(e));
}

export function refuse(error: string, field?: Refusal["field"]): Refusal {
  return field ? { ok: false, error, field } : { ok: false, error };
}

export function messageOf(e: unknown): string {
  return e && (e as Error).message ? (e as Error).message : String(e);
}
