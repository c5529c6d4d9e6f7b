// End to end in headless Chromium: the playground says when an opened lab
// carries Mail Console as its File Script Module (lab/embed), and which version.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../lab/run-cli";
import { openBrowser, openPlayground, type Session } from "./browser";

let s: Session;
let tmp: string;
beforeAll(async () => {
  s = await openBrowser();
  tmp = mkdtempSync(join(tmpdir(), "mail-console-embed-"));
});
afterAll(async () => {
  await s.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("a lab that carries Mail Console, opened in the playground", () => {
  it("names Mail Console and its version; a lab with a module of its own, that module's scripts", async () => {
    const version = JSON.parse(readFileSync("dist/module/module.json", "utf8")).version;
    const embedded = join(tmp, "handout.pkt");
    expect(runCli(["embed", "test/fixtures/labs/empty-module.pkt", "--out", embedded]).status).toBe(0);
    const { page } = await openPlayground(s);
    const net = page.getByRole("region", { name: "Simulated network" });
    await net.getByLabel("Open a lab file…").setInputFiles(embedded);
    await net.getByText("Opened handout.pkt", { exact: false }).waitFor();
    expect(await net.getByLabel("File Script Module").textContent()).toContain(
      "It carries Mail Console " + version + " as its File Script Module",
    );
    await net.getByLabel("Open a lab file…").setInputFiles("test/fixtures/labs/file-module.pka");
    await net.getByText("Opened file-module.pka", { exact: false }).waitFor();
    expect(await net.getByLabel("File Script Module").textContent()).toBe(
      "It has a File Script Module of its own (EventManager.js, Main.js), not Mail Console.",
    );
  });
});
