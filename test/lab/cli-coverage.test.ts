// What the CLI says of what the model covers (issue 20): each warning names the
// pairs it makes unknown, and a DHCP client's lease is said with where it came
// from, or why none came. Expectations written by hand from the fixtures' sources
// (lab/fixtures/unmodeled-labs.ts, lab/fixtures/dhcp-labs.ts).
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const LABS = "test/fixtures/labs/";

describe("the lab CLI on what the model does not cover", () => {
  it("says which pairs each warning makes unknown, in text and JSON", () => {
    const text = runCli([LABS + "etherchannel-campus.pkt"]).out;
    expect(text).toContain(
      "    DSW1: not modeled: EtherChannel (makes 6 pairs unknown: a1@campus.lab → a1@campus.lab, a1@campus.lab → b@campus.lab, a1@campus.lab → m@campus.lab, …)",
    );
    const json = JSON.parse(runCli(["--json", LABS + "etherchannel-campus.pkt"]).out[0]);
    expect(json.warningPairs).toEqual([
      {
        warning: "DSW1: not modeled: EtherChannel",
        pairs: [
          "a1@campus.lab → a1@campus.lab",
          "a1@campus.lab → b@campus.lab",
          "a1@campus.lab → m@campus.lab",
          "m@campus.lab → a1@campus.lab",
          "m@campus.lab → b@campus.lab",
          "m@campus.lab → m@campus.lab",
        ],
      },
    ]);
  });

  it("says each DHCP client's lease and who gave it, or why none did", () => {
    expect(runCli([LABS + "dhcp-relay.pkt"]).out).toEqual(
      expect.arrayContaining([
        "    PC-A 192.168.10.100/255.255.255.0 from SRV (inferred)",
        "    PC-B 192.168.20.100/255.255.255.0 from SRV through R1 (inferred)",
      ]),
    );
    const none = JSON.parse(runCli(["--json", LABS + "dhcp-none.pkt"]).out[0]).leases;
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ device: "PC-X", mask: "255.255.0.0", server: null });
    expect(none[0].ip).toMatch(/^169\.254\./);
    expect(none[0].why).toBe(
      "no DHCP pool for 192.168.20.0/24: DHCP-SRV's pool serves 192.168.30.0/24; R1 relays DHCP to 192.168.10.2 (SRV), which has no pool for 192.168.20.0/24",
    );
  });
});
