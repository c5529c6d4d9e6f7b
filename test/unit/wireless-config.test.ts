// The wireless settings of a device's XML (src/pt/wireless-config.ts), in the element shapes the decoded
// public labs show (values written here), and the model's associations over them (src/model/wireless.ts).
import { describe, expect, it } from "vitest";
import { indexTopology, reachAddress } from "../../src/model";
import type { DeviceFacts, Wlan } from "../../src/model/snapshot";
import { associations, unassociated } from "../../src/model/wireless";
import { homeRouterOf, wlanOf, wlansOf } from "../../src/pt/wireless-config";
import { device, port } from "../helpers/facts";

const common = (ssid: string, auth: number, key?: string) =>
  `<WIRELESS_COMMON><NETWORK_MODE>3</NETWORK_MODE><SSID>${ssid}</SSID><ENCRYPT_TYPE>${auth ? 4 : 0}</ENCRYPT_TYPE>` +
  `<AUTHEN_TYPE>${auth}</AUTHEN_TYPE><RADIO_BAND>0</RADIO_BAND>` +
  (key === undefined ? "" : `<WEP_PROCESS><KEY>${key}</KEY><USERID></USERID><ENCRYPTION>4</ENCRYPTION></WEP_PROCESS>`) +
  "</WIRELESS_COMMON>";

describe("wireless settings in a device's XML", () => {
  it("an access point's one network: SSID, security by AUTHEN_TYPE, and its key", () => {
    const xml = `<ENGINE><NAME>AP</NAME><WIRELESS_SERVER>${common("Lab &amp; Co", 4, "k&lt;1")}<SSID_BROADCAST_ENABLED>1</SSID_BROADCAST_ENABLED></WIRELESS_SERVER></ENGINE>`;
    expect(wlansOf(xml)).toEqual([{ ssid: "Lab & Co", security: "WPA2-PSK", key: "k<1" }]);
    // AUTHEN_TYPE 0 1 2 4 (PT's WirelessAuthenType): an open network's key is no key.
    const each = [0, 1, 2, 4].map((a) => wlansOf(`<WIRELESS_SERVER>${common("S", a, "x")}</WIRELESS_SERVER>`));
    expect(each.map((w) => w && w[0].security + "/" + w[0].key)).toEqual(["open/", "WEP/x", "WPA-PSK/x", "WPA2-PSK/x"]);
    expect(wlansOf("<ENGINE><NAME>SW</NAME></ENGINE>")).toBeNull();
    // An SSID is compared as PT keeps it: a trailing space (seen in a saved lab) is part of it.
    expect(wlansOf(`<WIRELESS_SERVER>${common("Lab ", 0)}</WIRELESS_SERVER>`)?.[0].ssid).toBe("Lab ");
    // A tag never closed ends the search (once, not per tag: issue 27).
    expect(wlansOf("<WIRELESS_SERVER><WIRELESS_SERVER>".repeat(20000))).toBeNull();
  });

  it("a home router's radios: WIRELESS_SERVERS over the lone copy, guest networks and a radio turned off left out", () => {
    const guest = (ssid: string) =>
      `<WIRELESS_SERVER WRNG_WS_TYPE="_cwsp_tid">${common(ssid, 0)}<WRNG><GUEST_MODE>1</GUEST_MODE></WRNG></WIRELESS_SERVER>`;
    const off = `<WIRELESS_SERVER WRNG_WS_TYPE="_cwsp_tid">${common("Off", 4, "k").replace("<NETWORK_MODE>3", "<NETWORK_MODE>0")}</WIRELESS_SERVER>`;
    const xml =
      `<WIRELESS_SERVER>${common("Main", 4, "k")}</WIRELESS_SERVER><WIRELESS_SERVERS WS_COUNT="4">` +
      `<WIRELESS_SERVER WRNG_WS_TYPE="_cwsp_rng_tid">${common("Main", 4, "k")}</WIRELESS_SERVER>${guest("Guest")}` +
      `<WIRELESS_SERVER WRNG_WS_TYPE="_cwsp_tid">${common("Main-5G", 2, "k")}<WRNG><GUEST_MODE>0</GUEST_MODE></WRNG></WIRELESS_SERVER>${off}` +
      "</WIRELESS_SERVERS>";
    expect(wlansOf(xml)).toEqual([
      { ssid: "Main", security: "WPA2-PSK", key: "k" },
      { ssid: "Main-5G", security: "WPA-PSK", key: "k" },
    ]);
  });

  it("a host's Wi-Fi client, not a smartphone's cellular one wherever it stands", () => {
    const cell = `<CELLULAR_CLIENT><WIRELESS_CLIENT>${common("ptcellular", 0)}</WIRELESS_CLIENT></CELLULAR_CLIENT>`;
    const wifi = `<WIRELESS_CLIENT>${common("Home", 4, "pw")}<PROFILES/></WIRELESS_CLIENT>`;
    const want = { ssid: "Home", security: "WPA2-PSK", key: "pw" };
    expect(wlanOf(`<ENGINE>${wifi}${cell}</ENGINE>`)).toEqual(want);
    expect(wlanOf(`<ENGINE>${cell}${wifi}</ENGINE>`)).toEqual(want);
    expect(wlanOf(`<ENGINE>${cell}</ENGINE>`)).toBeNull();
  });

  it("a home router: its LAN, a static or DHCP Internet port, its pool, and forwarding", () => {
    const pool =
      "<DHCP_SERVER><ENABLED>1</ENABLED><POOLS><POOL><NAME>p</NAME><NETWORK>10.0.0.0</NETWORK><MASK>255.255.255.0</MASK>" +
      "<DEFAULT_ROUTER>10.0.0.1</DEFAULT_ROUTER><START_IP>10.0.0.50</START_IP><DNS_SERVER>0.0.0.0</DNS_SERVER>" +
      "<MAX_USERS>20</MAX_USERS><DHCP_POOL_LEASES><DHCP_POOL_LEASE><IP_ADDRESS>10.0.0.51</IP_ADDRESS></DHCP_POOL_LEASE></DHCP_POOL_LEASES></POOL></POOLS></DHCP_SERVER>";
    const home = (type: number, more: string) =>
      `<INTERNET_CONNECTION_TYPE>${type}</INTERNET_CONNECTION_TYPE><DEFAULT_GATEWAY>1.1.1.1</DEFAULT_GATEWAY>` +
      "<LAN_IP_ADDRESS>10.0.0.1</LAN_IP_ADDRESS><LAN_SUBNET_MASK>255.255.255.0</LAN_SUBNET_MASK>" +
      `<INTERNET_IP_ADDRESS>1.1.1.2</INTERNET_IP_ADDRESS><INTERNET_SUBNET_MASK>255.255.255.252</INTERNET_SUBNET_MASK>${pool}${more}`;
    const statik = homeRouterOf(
      home(2, "<SINGLE_PORT_FORWARDING/><DMZ_SETTINGS><STATUS>false</STATUS></DMZ_SETTINGS>"),
    );
    expect(statik).toEqual({
      lan: { ip: "10.0.0.1", mask: "255.255.255.0" },
      wan: { ip: "1.1.1.2", mask: "255.255.255.252", gateway: "1.1.1.1", dhcp: false },
      dhcp: {
        on: true,
        excluded: [],
        pools: [
          {
            name: "p",
            network: "10.0.0.0",
            mask: "255.255.255.0",
            start: "10.0.0.50",
            max: 20,
            gateway: "10.0.0.1",
            dns: "",
          },
        ],
      },
      forwarding: false,
    });
    // INTERNET_CONNECTION_TYPE 0 (DHCP): the saved address is no lease.
    expect(homeRouterOf(home(0, ""))?.wan).toEqual({ ip: "", mask: "", gateway: "", dhcp: true });
    expect(homeRouterOf(home(2, "<DMZ_SETTINGS><STATUS>true</STATUS></DMZ_SETTINGS>"))?.forwarding).toBe(true);
    expect(homeRouterOf(home(2, "<SINGLE_PORT_FORWARDING><E>25</E></SINGLE_PORT_FORWARDING>"))?.forwarding).toBe(true);
    expect(homeRouterOf("<ENGINE><NAME>R</NAME></ENGINE>")).toBeNull();
  });
});

describe("associations", () => {
  const host = (name: string, ip: string, wlan?: Wlan | null): DeviceFacts =>
    device(
      name,
      "laptop",
      [port(wlan === undefined ? "FastEthernet0" : "Wireless0", ip)],
      wlan === undefined ? {} : { wlan },
    );
  const ap = (name: string, wlans: Wlan[] | null): DeviceFacts => ({
    ...host(name, ""),
    kind: "switch",
    ports: [port("Wireless", "")],
    wlans,
  });
  const office = { ssid: "Office", security: "WPA2-PSK", key: "k1" };

  it("join the AP whose network matches SSID, security and key; two clients of one radio reach each other", () => {
    const a = host("A", "10.0.0.1", office);
    const b = host("B", "10.0.0.2", office);
    const wep = host("W", "10.0.0.3", { ssid: "Office", security: "WEP", key: "k1" });
    const ap2 = ap("AP2", [{ ssid: "Office", security: "WPA2-PSK", key: "k2" }]);
    const devices = [a, b, wep, ap("AP1", [{ ssid: "Office", security: "WPA2-PSK", key: "k1" }]), ap2];
    expect(associations(devices, (d) => (d.ports || [])[0]).map((l) => [l.a.device, l.b.device, l.ssid])).toEqual([
      ["A", "AP1", "Office"],
      ["B", "AP1", "Office"],
    ]);
    const topo = indexTopology({ devices, links: [] });
    expect(reachAddress(topo, "A", "10.0.0.2").kind).toBe("ok");
    expect(reachAddress(topo, "W", "10.0.0.1")).toEqual({
      kind: "fail",
      cause: "W's security (WEP) for SSID Office does not match AP1's (WPA2-PSK)",
      fix: "set W's security to WPA2-PSK and its key to AP1's (Config > Wireless0)",
    });
    // Two APs offering the same network: PT joins the one in range, which the model cannot tell.
    const twice = devices.concat([ap("AP3", [office])]);
    expect(associations(twice, (d) => (d.ports || [])[0])).toEqual([]);
    expect(reachAddress(indexTopology({ devices: twice, links: [] }), "A", "10.0.0.2")).toEqual({
      kind: "unknown",
      what: "A can join AP1 or AP3: PT joins the one in range (not modeled)",
    });
  });

  it("no AP in the lab fails; an AP unread, RADIUS, or an AP not modeled is unknown", () => {
    const alone = host("A", "10.0.0.1", office);
    const miss = (devices: DeviceFacts[]) =>
      unassociated(indexTopology({ devices, links: [] }), devices[0], (devices[0].ports || [])[0]);
    expect(miss([alone])).toEqual({
      kind: "fail",
      cause: "A's port is wireless and no access point or wireless router is in the lab",
      fix: "add one with SSID Office, or cable A",
    });
    expect(miss([alone, ap("AP1", null)])?.kind).toBe("unknown");
    expect(
      miss([host("E", "10.0.0.1", { ssid: "Office", security: "WPA2", key: "" }), ap("AP1", [office])])?.kind,
    ).toBe("unknown");
    const lap = { ...host("LAP1", ""), kind: "switch" as const, unmodeled: ["wireless clients"] };
    expect(miss([alone, lap])).toEqual({ kind: "unknown", what: "whether A joins LAP1's network (not modeled)" });
    expect(miss([host("C", "10.0.0.1")])).toBeNull();
  });
});
