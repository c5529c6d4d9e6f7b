// Compile-time tests of the protocol: `npm run typecheck` fails if any line
// marked @ts-expect-error compiles, i.e. if a misspelled request type, a wrong
// payload or a reply read as another request's stops being an error.
import type { Push, Reply, RequestOf } from "../../src/protocol";
import type { RequestHandlers } from "../../src/requests";
import type { Call } from "../../ui/engine-link";

declare const call: Call;

export function requests(): void {
  // @ts-expect-error: there is no request "sendMial"
  call({ type: "sendMial", device: "k" });
  // @ts-expect-error: the old name of openPanel is gone
  call({ type: "hello" });
  // @ts-expect-error: sendMail needs its messages
  call({ type: "sendMail", device: "k", from: "a@b.c", password: "", server: "1.2.3.4" });
  // @ts-expect-error: a device key is text
  call({ type: "cancelSend", device: 7 });
  // @ts-expect-error: Save writes csv or json
  call({ type: "saveLog", format: "xml", text: "" });
  // @ts-expect-error: settings are numbers
  call({ type: "saveSettings", settings: { cap: "many" } });
  call({ type: "saveSettings", settings: { cap: 100 } });
}

export async function replies(): Promise<number> {
  const r = await call({ type: "cancelSend", device: "k" });
  if (!r.ok) return r.error.length;
  // @ts-expect-error: cancelSend answers how many were cancelled, not ids
  r.value.ids;
  return r.value.cancelled;
}

export function refusals(r: Reply<"sendMail">): string {
  if (r.ok) return "";
  // @ts-expect-error: a refusal names one of the protocol's fields, not any text
  const field: "recipient" = r.field;
  return field;
}

export const wrongHandler: Pick<RequestHandlers, "sendMail"> = {
  // @ts-expect-error: sendMail must answer ids, not a cancel count
  sendMail: () => ({ ok: true, value: { cancelled: 1 } }),
};

export function pushes(p: Push): number {
  // @ts-expect-error: a push is a past-tense fact; "change" is not one of them
  if (p.type === "change") return 0;
  return p.seq - p.base;
}

export const typed: RequestOf<"clearLog"> = { type: "clearLog" };
