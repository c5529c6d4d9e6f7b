// The compose form: send as any device with an email client, to one or many.
// The message comes first (To, Subject, Body); the account sits in a
// collapsed group that starts from the device's own Email settings, read
// fresh when the device is chosen. The message being written is kept by the
// engine, and after Send the form follows what happened to the mails.
import { html } from "htm/preact";
import { createRef } from "preact";
import type { DeviceInfo, Draft, ErrorField, RequestOf } from "../../src/protocol";
import type { Call } from "../engine-link";
import type { PanelStore } from "../store";
import { StoreView } from "../store-view";
import { sentence } from "../tally";
import { CheckResult } from "./check";
import { ACCOUNT, type AccountField, account, aria, type FieldKit, field, pcValue } from "./fields";
import {
  type ComposeField,
  type ComposeForm,
  type FieldErrors,
  labExamples,
  splitRecipients,
  validateCompose,
} from "./validate";

export interface ComposeProps {
  store: PanelStore;
  call: Call;
}

const EMPTY: ComposeForm = { device: "", from: "", to: "", subject: "", body: "", password: "", server: "" };
/** Tab order, and the order errors are focused in. */
const ORDER: ComposeField[] = ["device", "to", "subject", "body", "from", "password", "server"];

/** The account fields for a device: its own settings, or the preset its last send saved. */
function prefill(d: DeviceInfo, store: PanelStore): Pick<ComposeForm, AccountField> {
  const preset = Object.prototype.hasOwnProperty.call(store.presets, d.name) ? store.presets[d.name] : {};
  return { from: preset.from || d.mailId, password: d.password, server: preset.server || d.smtpServer };
}

/** Devices with a configured account first (those are the ones people send from), then by name. */
function sortDevices(devices: DeviceInfo[]): DeviceInfo[] {
  return devices.slice().sort((a, b) => (a.mailId ? 0 : 1) - (b.mailId ? 0 : 1) || a.name.localeCompare(b.name));
}

interface ComposeState {
  form: ComposeForm;
  /** The chosen device's Email settings as last read: the account fields are compared with them. */
  pc: DeviceInfo | null;
  accountOpen: boolean;
  errors: FieldErrors;
  message: string;
  busy: boolean;
  /** The group of the last send: the message follows it until it ends. */
  group: number;
  /** A resend waiting for the word to replace what is being written. */
  replacing: Draft | null;
  /** The To of the last send: the box keeps its height until To is typed in again, so nothing under it jumps. */
  held: string;
}

export class Compose extends StoreView<ComposeProps, ComposeState> {
  state: ComposeState = {
    form: EMPTY,
    pc: null,
    accountOpen: false,
    errors: {},
    message: "",
    busy: false,
    group: 0,
    replacing: null,
    held: "",
  };
  private formRef = createRef<HTMLFormElement>();
  private checkRef = createRef<CheckResult>();
  private started = false;
  /** The file (Changes.file) the chosen device belongs to. */
  private file = 0;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** The draft save waiting for typing to pause, if any. */
  private flush: (() => void) | undefined;

  /** Once devices are known: the draft the engine kept, else the first device. */
  protected storeChanged(): void {
    const { devices, draft, file } = this.props.store;
    // Another file opened (File > Open or New): its first device, the message kept. A device deleted from the
    // same file stays chosen, so Send can say it is gone rather than send from another PC.
    if (
      this.started &&
      file !== this.file &&
      devices.length &&
      !devices.some((d) => d.key === this.state.form.device)
    ) {
      this.file = file;
      const f = this.state.form;
      this.choose(sortDevices(devices)[0].key, { to: f.to, subject: f.subject, body: f.body });
      return;
    }
    if (this.started || !devices.length) {
      this.forceUpdate();
      return;
    }
    this.started = true;
    this.file = file;
    const known = !!draft && devices.some((d) => d.key === draft.device);
    this.choose(known && draft ? draft.device : sortDevices(devices)[0].key, draft || {});
  }

  componentWillUnmount(): void {
    super.componentWillUnmount();
    if (this.flush) this.flush();
  }

  /** Chooses the sending device, then reads its Email settings fresh. Updates are functional: a stale form would undo keystrokes. */
  private choose(key: string, message: Partial<ComposeForm> = {}): void {
    const { store, call } = this.props;
    const d = store.devices.filter((x) => x.key === key)[0];
    this.setState((s) => ({
      form: { ...s.form, ...message, device: key, ...(d && prefill(d, store)) },
      pc: d || null,
      errors: {},
    }));
    call({ type: "readDevice", device: key }).then(
      (r) => {
        if (!r.ok || this.state.form.device !== key) return;
        // Account fields still as prefilled follow the fresh read; one typed meanwhile stays.
        this.setState((s) => {
          const was = s.pc && prefill(s.pc, store);
          const now = prefill(r.value, store);
          const form = { ...s.form };
          for (const f of ACCOUNT) if (!was || form[f] === was[f]) form[f] = now[f];
          return { form, pc: r.value };
        });
      },
      () => undefined, // the list's copy of the settings stands
    );
  }

  /**
   * Refills the form (Resend to the failed ones) and puts the cursor in To; nothing is sent until Send.
   * A message being written is never replaced without asking.
   */
  refill(draft: Draft, confirmed = false): void {
    const pane = this.formRef.current && (this.formRef.current.closest("details") as HTMLDetailsElement | null);
    if (pane) pane.open = true;
    const f = this.state.form;
    if (!confirmed && (f.to.trim() || f.subject.trim() || f.body.trim())) {
      this.setState({ replacing: draft });
      return;
    }
    const n = splitRecipients(draft.to).length;
    this.choose(draft.device, draft);
    const message = `Ready to resend to ${n}: check the message, then press Send.`;
    this.setState({ group: 0, message, errors: {}, replacing: null }, () => this.focus("to"));
    this.keepDraft(draft);
  }

  private set(field: ComposeField) {
    return (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (field === "device") {
        this.choose(value);
        this.keepDraft({ ...this.state.form, device: value });
        return;
      }
      this.setState(
        (s) => ({
          form: { ...s.form, [field]: value },
          errors: s.errors[field] ? { ...s.errors, [field]: undefined } : s.errors,
          held: field === "to" ? "" : s.held,
        }),
        () => this.keepDraft(this.state.form),
      );
    };
  }

  /**
   * Keeps the message in the engine, so it survives closing the panel (PT closes a web view without
   * warning): after a pause in typing, or at once when it is forgotten (null, after a send).
   */
  private keepDraft(f: Draft | null): void {
    clearTimeout(this.draftTimer);
    const draft = f && { device: f.device, to: f.to, subject: f.subject, body: f.body };
    this.flush = () => {
      this.flush = undefined;
      clearTimeout(this.draftTimer);
      this.props.call({ type: "saveDraft", draft }).catch(() => undefined);
    };
    if (draft) this.draftTimer = setTimeout(this.flush, 400);
    else this.flush();
  }

  private reset = (f: AccountField) => {
    const pc = this.state.pc;
    if (pc) this.setState((s) => ({ form: { ...s.form, [f]: pcValue(pc, f) } }));
  };

  private focus(name: ComposeField): void {
    const el = this.formRef.current && (this.formRef.current.querySelector(`[name="${name}"]`) as HTMLElement | null);
    if (el) el.focus();
  }

  private send = (e: Event) => {
    e.preventDefault();
    const { store, call } = this.props;
    const form = this.state.form;
    // The live device list, not the last render's: a device may have gone since.
    const { errors, mails } = validateCompose(form, store.devices);
    const first = ORDER.filter((f) => errors[f])[0];
    if (first) {
      // An error inside the Account group opens it: a message nobody can see helps nobody.
      const accountOpen = this.state.accountOpen || !!(errors.from || errors.password || errors.server);
      this.setState({ errors, group: 0, message: "", accountOpen }, () => this.focus(first));
      return;
    }
    this.setState({ errors: {}, busy: true, group: 0, message: "Sending…" });
    call({
      type: "sendMail",
      device: form.device,
      from: form.from.trim(),
      password: form.password,
      server: form.server.trim(),
      mails,
      template: form.subject,
    }).then(
      (r) => {
        if (!r.ok) {
          const field = formField(r.field);
          this.setState({ busy: false, errors: field ? { [field]: r.error } : {}, message: field ? "" : r.error });
          return;
        }
        // A sent message is no longer a draft: the form empties (device and account stay) and follows the send.
        this.keepDraft(null);
        this.setState((s) => ({
          busy: false,
          group: r.value.ids[0] || 0,
          // Sent, but something beside the send did not happen (the account not remembered): said after the send's line.
          message: r.value.warning || "",
          form: { ...s.form, to: "", subject: "", body: "" },
          held: s.form.to,
        }));
      },
      (err: Error) => this.setState({ busy: false, message: "Not sent: " + err.message }),
    );
  };

  /** What Check asks for the form as it is now. */
  private predictRequest(): RequestOf<"predict"> {
    const { form } = this.state;
    const { device, password } = form;
    return {
      type: "predict",
      device,
      from: form.from.trim(),
      password,
      server: form.server.trim(),
      to: splitRecipients(form.to),
    };
  }

  /** "Check": what the lab will do with this mail, per recipient. */
  private check = () => {
    const result = this.checkRef.current;
    if (!this.predictRequest().to.length)
      return this.setState({ errors: { to: "To: add at least one recipient to check." } });
    this.setState({ group: 0, message: "" });
    if (result) result.run().then((error) => error && this.setState({ message: error }));
  };

  private cancel = () => {
    this.props.call({ type: "cancelSend", device: this.state.form.device }).then(
      (r) =>
        this.setState({
          group: 0,
          message: r.ok ? `Cancelled ${r.value.cancelled} mail${r.value.cancelled === 1 ? "" : "s"}.` : r.error,
        }),
      (err: Error) => this.setState({ message: "Cancel failed: " + err.message }),
    );
  };

  /** What became of the last send, as it happens: "Sent to 3: 2 delivered, 1 failed." */
  /** The line beside Send (its space is kept, so it never moves the form): the last send, a message, or what Send would do. */
  private progress(): string {
    const { store } = this.props;
    const g = store.tally.groups.get(this.state.group);
    if (g) return sentence(g, store.members(g.id)[0]) + (this.state.message ? " " + this.state.message : "");
    const count = splitRecipients(this.state.form.to).length;
    return this.state.message || (count > 1 ? `${count} mails will be sent, one per recipient.` : "");
  }

  /** "Resend to 3 replaces what you are writing": the person decides. */
  private askReplace(draft: Draft) {
    const n = splitRecipients(draft.to).length;
    return html`<p class="confirm" role="alert">Resend to ${n} would replace the message you are writing.
      <button type="button" onClick=${() => this.refill(draft, true)}>Replace it</button>
      <button type="button" onClick=${() => this.setState({ replacing: null })}>Keep writing</button></p>`;
  }

  render() {
    const { store } = this.props;
    const { form, errors, busy, pc, accountOpen } = this.state;
    const devices = sortDevices(store.devices);
    const pending = (store.tally.pending.get(form.device) || 0) > 0;
    const like = labExamples(store.devices, form.device);
    const kit: FieldKit = { errors, form, pc, reset: this.reset };
    const input = (f: ComposeField, type: string, placeholder?: string) =>
      html`<input ...${aria(kit, f)} type=${type} autocomplete="off" placeholder=${placeholder} value=${form[f]} onInput=${this.set(f)} />`;
    const sendKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) this.send(e);
    };

    return html`
      <form class="compose" ref=${this.formRef} onSubmit=${this.send} novalidate>
        ${this.state.replacing ? this.askReplace(this.state.replacing) : null}
        ${field(
          kit,
          "device",
          html`
          <select ...${aria(kit, "device")} value=${form.device} onChange=${this.set("device")}>
            ${devices.length ? null : html`<option value="">No device with an email client</option>`}
            ${devices.map((d) => html`<option value=${d.key}>${d.name}${d.mailId ? " — " + d.mailId : ""}${d.powered ? "" : " (off)"}</option>`)}
          </select>`,
        )}
        ${field(kit, "to", html`<div class="grow" data-value=${form.to || this.state.held}><textarea ...${aria(kit, "to")} rows="1" placeholder=${like.address} onInput=${this.set("to")} value=${form.to}></textarea></div>`)}
        ${field(kit, "subject", input("subject", "text"))}
        ${field(kit, "body", html`<textarea ...${aria(kit, "body")} rows="2" onInput=${this.set("body")} onKeyDown=${sendKey} value=${form.body}></textarea>`)}
        ${account(kit, accountOpen, (open) => open !== accountOpen && this.setState({ accountOpen: open }), input, like.server)}
        <p class="hint">{user} and {address} are filled in per recipient. Ctrl+Enter sends.</p>
        <div class="actions">
          <button type="submit" class="primary" disabled=${busy}>Send</button>
          <button type="button" onClick=${this.check}>Check</button>
          <button type="button" onClick=${this.cancel} disabled=${!pending}>Cancel</button>
          <span class="message" role="status">${this.progress()}</span>
        </div>
        <${CheckResult} ref=${this.checkRef} store=${store} call=${this.props.call} request=${this.predictRequest()} />
      </form>`;
  }
}

/** The form field an engine refusal is about, if it is one of the form's. */
const formField = (field?: ErrorField) => (ORDER.indexOf(field as ComposeField) >= 0 ? (field as ComposeField) : null);
