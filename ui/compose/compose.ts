// The compose form: send as any device with an email client, to one or many.
import { html } from "htm/preact";
import { createRef } from "preact";
import type { DeviceInfo, ErrorField } from "../../src/protocol";
import type { Call } from "../engine-link";
import type { PanelStore } from "../store";
import { StoreView } from "../store-view";
import { type ComposeField, type ComposeForm, type FieldErrors, splitRecipients, validateCompose } from "./validate";

export interface ComposeProps {
  store: PanelStore;
  call: Call;
}

const EMPTY: ComposeForm = { device: "", from: "", to: "", subject: "", body: "", password: "", server: "" };
const ORDER: ComposeField[] = ["device", "from", "to", "subject", "body", "password", "server"];

function prefill(form: ComposeForm, d: DeviceInfo | undefined, store: PanelStore): ComposeForm {
  if (!d) return form;
  const preset = Object.prototype.hasOwnProperty.call(store.presets, d.name) ? store.presets[d.name] : {};
  return Object.assign({}, form, {
    device: d.key,
    from: preset.from || d.mailId,
    password: d.password,
    server: preset.server || d.smtpServer,
  });
}

/** The form field an engine refusal is about, if it is one of the form's. */
function formField(field: ErrorField | undefined): ComposeField | null {
  for (const f of ORDER) if (f === field) return f;
  return null;
}

/** Devices with a configured account first (those are the ones people send from), then by name. */
function sortDevices(devices: DeviceInfo[]): DeviceInfo[] {
  return devices.slice().sort((a, b) => (a.mailId ? 0 : 1) - (b.mailId ? 0 : 1) || a.name.localeCompare(b.name));
}

interface ComposeState {
  form: ComposeForm;
  errors: FieldErrors;
  message: string;
  busy: boolean;
}

export class Compose extends StoreView<ComposeProps, ComposeState> {
  state: ComposeState = { form: EMPTY, errors: {}, message: "", busy: false };
  private formRef = createRef<HTMLFormElement>();

  /** Choose the first device once devices arrive. Updates are functional: a stale form would undo keystrokes. */
  protected storeChanged(): void {
    const first = sortDevices(this.props.store.devices)[0];
    if (first && !this.state.form.device)
      this.setState((s) => (s.form.device ? null : { form: prefill(s.form, first, this.props.store) }));
    else this.forceUpdate();
  }

  private set(field: ComposeField) {
    return (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      const store = this.props.store;
      this.setState((s) => ({
        form:
          field === "device"
            ? prefill(
                Object.assign({}, s.form, { device: value }),
                store.devices.filter((d) => d.key === value)[0],
                store,
              )
            : Object.assign({}, s.form, { [field]: value }),
        errors: s.errors[field] ? Object.assign({}, s.errors, { [field]: undefined }) : s.errors,
      }));
    };
  }

  private focusFirst(errs: FieldErrors): void {
    const first = ORDER.filter((f) => errs[f])[0];
    const el =
      first && this.formRef.current
        ? (this.formRef.current.querySelector(`[name="${first}"]`) as HTMLElement | null)
        : null;
    if (el) el.focus();
  }

  private send = (e: Event) => {
    e.preventDefault();
    const { store, call } = this.props;
    const form = this.state.form;
    // The live device list, not the last render's: a device may have gone since.
    const { errors, mails } = validateCompose(form, store.devices);
    if (Object.keys(errors).length) {
      this.setState({ errors, message: "" });
      this.focusFirst(errors);
      return;
    }
    const device = store.devices.filter((d) => d.key === form.device)[0];
    this.setState({ errors: {}, busy: true });
    call({
      type: "sendMail",
      device: form.device,
      from: form.from.trim(),
      password: form.password,
      server: form.server.trim(),
      mails,
    }).then(
      (r) => {
        if (!r.ok) {
          const field = formField(r.field);
          this.setState({ busy: false, errors: field ? { [field]: r.error } : {}, message: field ? "" : r.error });
          return;
        }
        this.setState({
          busy: false,
          message: `Queued ${mails.length} mail${mails.length === 1 ? "" : "s"} from ${device ? device.name : "the device"}.`,
        });
      },
      (err: Error) => this.setState({ busy: false, message: "Not sent: " + err.message }),
    );
  };

  private cancel = () => {
    this.props.call({ type: "cancelSend", device: this.state.form.device }).then(
      (r) =>
        this.setState({
          message: r.ok ? `Cancelled ${r.value.cancelled} mail${r.value.cancelled === 1 ? "" : "s"}.` : r.error,
        }),
      (err: Error) => this.setState({ message: "Cancel failed: " + err.message }),
    );
  };

  render() {
    const { store } = this.props;
    const { form, errors, message, busy } = this.state;
    const devices = sortDevices(store.devices);
    const device = devices.filter((d) => d.key === form.device)[0];
    const pending = store.mails.some(
      (m) =>
        m.deviceKey === form.device &&
        m.origin === "console" &&
        (m.state === "queued" || m.state === "sending" || m.state === "forwarding"),
    );
    const count = splitRecipients(form.to).length;
    const set = (f: ComposeField) => this.set(f);

    const field = (name: ComposeField, label: string, input: unknown) => html`
      <div class=${"field" + (errors[name] ? " invalid" : "")}>
        <label for=${"f-" + name}>${label}</label>
        ${input}
        ${errors[name] ? html`<p class="error" id=${"e-" + name} role="alert">${errors[name]}</p>` : null}
      </div>`;
    const aria = (name: ComposeField) => ({
      id: "f-" + name,
      name,
      "aria-invalid": errors[name] ? "true" : undefined,
      "aria-describedby": errors[name] ? "e-" + name : undefined,
    });

    return html`
      <form class="compose" ref=${this.formRef} onSubmit=${this.send} novalidate>
        ${field(
          "device",
          "From device",
          html`
          <select ...${aria("device")} value=${form.device} onChange=${set("device")}>
            ${devices.length ? null : html`<option value="">No device with an email client</option>`}
            ${form.device && !device ? html`<option value=${form.device}>(device removed)</option>` : null}
            ${devices.map((d) => html`<option value=${d.key}>${d.name}${d.mailId ? " — " + d.mailId : ""}${d.powered ? "" : " (off)"}</option>`)}
          </select>`,
        )}
        <div class="row2">
          ${field("from", "From", html`<input ...${aria("from")} type="text" autocomplete="off" value=${form.from} onInput=${set("from")} />`)}
          ${field("password", "Password", html`<input ...${aria("password")} type="password" autocomplete="off" value=${form.password} onInput=${set("password")} />`)}
        </div>
        ${field("server", "Outgoing server", html`<input ...${aria("server")} type="text" autocomplete="off" placeholder="mail.alpha.edu or 10.1.0.10" value=${form.server} onInput=${set("server")} />`)}
        ${field("to", "To", html`<textarea ...${aria("to")} rows="1" placeholder="bob@beta.org, carol@alpha.edu" onInput=${set("to")} value=${form.to}></textarea>`)}
        ${field("subject", "Subject", html`<input ...${aria("subject")} type="text" value=${form.subject} onInput=${set("subject")} />`)}
        ${field("body", "Body", html`<textarea ...${aria("body")} rows="2" onInput=${set("body")} value=${form.body}></textarea>`)}
        <p class="hint">${count > 1 ? `${count} mails will be sent, one per recipient. ` : ""}{user} and {address} are filled in per recipient.</p>
        <div class="actions">
          <button type="submit" class="primary" disabled=${busy}>Send</button>
          <button type="button" onClick=${this.cancel} disabled=${!pending}>Cancel</button>
          <span class="message" role="status">${message}</span>
        </div>
      </form>`;
  }
}
