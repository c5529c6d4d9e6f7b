// @vitest-environment happy-dom
// The bad-input corpus (test/bad-input.json) through the real compose form,
// wired to the real engine on the simulator: every bad case shows its message
// next to its field and never reaches SmtpClient.sendMail.

import { readFileSync } from "node:fs";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { html } from "htm/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply, Request, RequestOf, RequestType } from "../../src/protocol";
import { Compose } from "../../ui/compose/compose";
import { PanelStore } from "../../ui/store";
import { rig } from "../helpers/engine-on-sim";

interface Built {
  repeat: string;
  times: number;
  prefix?: string;
  suffix?: string;
  join?: string;
  numbered?: boolean;
}
interface Case {
  name: string;
  field: string;
  value: string | Built;
  expect?: string;
  accept?: boolean;
  why?: string;
}

const corpus: { cases: Case[] } = JSON.parse(readFileSync("test/bad-input.json", "utf8"));
const LABELS: { [field: string]: string } = {
  from: "From",
  to: "To",
  subject: "Subject",
  body: "Body",
  password: "Password",
  server: "Outgoing server",
  device: "From device",
};

function build(v: string | Built): string {
  if (typeof v === "string") return v;
  const parts = Array.from({ length: v.times }, (_, i) => (v.numbered ? v.repeat.replace("@", i + "@") : v.repeat));
  return (v.prefix || "") + parts.join(v.join || "") + (v.suffix || "");
}

afterEach(cleanup);

describe("bad-input corpus", () => {
  it("has at least 30 malformed inputs, each with an expected message", () => {
    const bad = corpus.cases.filter((c) => !c.accept);
    expect(bad.length).toBeGreaterThanOrEqual(30);
    for (const c of bad) expect(c.expect, c.name).toMatch(/^[A-Z][A-Za-z ]+: /);
    for (const c of corpus.cases.filter((x) => x.accept)) expect(c.why, c.name).toBeTruthy();
  });

  for (const c of corpus.cases) {
    it(`${c.accept ? "accepts" : "rejects"} ${c.name}`, async () => {
      const r = rig();
      const alice = r.world.device("PC-Alice")!;
      let sendMailCalls = 0;
      const real = alice.email!.smtp.sendMail.bind(alice.email!.smtp);
      alice.email!.smtp.sendMail = ((...a: Parameters<typeof real>) => {
        sendMailCalls++;
        return real(...a);
      }) as typeof real;
      const store = new PanelStore();
      store.apply(r.ok({ type: "openPanel" }));
      const requests: Request[] = [];
      const call = <T extends RequestType>(req: RequestOf<T>): Promise<Reply<T>> => {
        requests.push(req as Request);
        return Promise.resolve(r.request(req));
      };
      render(html`<${Compose} store=${store} call=${call} />`);
      fireEvent.change(screen.getByLabelText("From device"), { target: { value: r.deviceKey("PC-Alice") } });
      fireEvent.input(screen.getByLabelText("To", { exact: true }), { target: { value: "carol@alpha.edu" } });
      if (c.field === "device") {
        if (c.value === "__vanished__") r.world.removeDevice("PC-Alice");
        else r.world.device("PC-Alice")!.setPower(false);
        store.apply(r.ok({ type: "changesSince", seq: store.seq, epoch: store.epoch }));
      } else {
        fireEvent.input(screen.getByLabelText(LABELS[c.field], { exact: true }), { target: { value: build(c.value) } });
      }
      fireEvent.click(screen.getByRole("button", { name: "Send" }));
      if (c.accept) {
        await waitFor(() => expect(sendMailCalls).toBe(1));
        expect(requests.filter((q) => q.type === "sendMail")).toHaveLength(1);
        return;
      }
      const field = screen.getByLabelText(LABELS[c.field], { exact: true });
      await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
      // The error describes the field first; a note that the value is not the PC's own may follow.
      const message = document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0])!.textContent!;
      expect(message.startsWith(c.expect!), `"${message.slice(0, 200)}" should start with "${c.expect}"`).toBe(true);
      expect(requests.filter((q) => q.type === "sendMail")).toEqual([]);
      expect(sendMailCalls).toBe(0);
    });
  }
});
