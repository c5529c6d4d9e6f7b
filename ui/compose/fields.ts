// The compose form's parts: a labelled field with its error and note, and the
// Account group. The account fields start from the device's own Email
// settings; where one differs (typed, or a saved preset), it says so next to
// the field and offers the PC's value back.
import { html } from "htm/preact";
import type { DeviceInfo } from "../../src/protocol";
import type { ComposeField, ComposeForm, FieldErrors } from "./validate";

export type AccountField = "from" | "password" | "server";
export const ACCOUNT: AccountField[] = ["from", "password", "server"];
/** Where each account field's value is in the device's Email settings. */
const SETTING: { [F in ComposeField]?: "mailId" | "password" | "smtpServer" } = {
  from: "mailId",
  password: "password",
  server: "smtpServer",
};

/** The device's own value for an account field. */
export const pcValue = (pc: DeviceInfo, f: AccountField) => pc[SETTING[f] as "mailId"];

/** Whether an account field holds something other than the device's own setting (never for other fields). */
const differs = (form: ComposeForm, pc: DeviceInfo | null, f: ComposeField) =>
  !!pc && !!SETTING[f] && form[f] !== pc[SETTING[f] as "mailId"];

export interface FieldKit {
  errors: FieldErrors;
  form: ComposeForm;
  pc: DeviceInfo | null;
  reset: (f: AccountField) => void;
}

/** The attributes that tie an input to its label, its error and its note. */
export function aria(kit: FieldKit, name: ComposeField) {
  const ids = (kit.errors[name] ? "e-" + name + " " : "") + (differs(kit.form, kit.pc, name) ? "d-" + name : "");
  return {
    id: "f-" + name,
    name,
    "aria-invalid": kit.errors[name] ? "true" : undefined,
    "aria-describedby": ids.trim() || undefined,
  };
}

function note(kit: FieldKit, f: ComposeField) {
  const pc = kit.pc;
  if (!pc || !differs(kit.form, pc, f)) return null;
  const said = f === "password" ? "have another password." : `say ${pc[SETTING[f] as "mailId"] || "nothing here"}.`;
  return html`<p class="differs" id=${"d-" + f}>${pc.name}'s Email settings ${said}
    <button type="button" class="link" aria-label=${"Use the PC's settings for " + LABELS[f]} onClick=${() => kit.reset(f as AccountField)}>Use the PC's settings</button></p>`;
}

const LABELS: { [F in ComposeField]: string } = {
  device: "From device",
  from: "From",
  to: "To",
  subject: "Subject",
  body: "Body",
  password: "Password",
  server: "Outgoing server",
};

export function field(kit: FieldKit, name: ComposeField, input: unknown) {
  const error = kit.errors[name];
  return html`
    <div class=${"field" + (error ? " invalid" : "")}>
      <label for=${"f-" + name}>${LABELS[name]}</label>
      ${input}
      ${error ? html`<p class="error" id=${"e-" + name} role="alert">${error}</p>` : null}
      ${note(kit, name)}
    </div>`;
}

/** The collapsed Account group: who sends, through which server, and whether that is the PC's own setting. */
export function account(
  kit: FieldKit,
  open: boolean,
  toggled: (open: boolean) => void,
  input: (f: AccountField, type: string, placeholder?: string) => unknown,
  serverHint: string,
) {
  const { form, pc } = kit;
  const changed = ACCOUNT.filter((f) => differs(form, pc, f)).length;
  return html`
    <details class="account" open=${open} onToggle=${(e: Event) => toggled((e.target as HTMLDetailsElement).open)}>
      <summary>Account <span class="muted">${form.from || "(no From)"} via ${form.server || "(no server)"}</span>
        ${changed && pc ? html` <span class="differs">not ${pc.name}'s own settings</span>` : null}</summary>
      <div class="row2">
        ${field(kit, "from", input("from", "text"))}
        ${field(kit, "password", input("password", "password"))}
      </div>
      ${field(kit, "server", input("server", "text", serverHint))}
    </details>`;
}
