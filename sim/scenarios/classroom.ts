// The default classroom (research/pt-email-and-ux.md A6, seed 2): two sites,
// two mail domains, one DNS server, joined by a router. The playground opens
// with it and most tests start from it.
import type { TopologySpec } from "../spec";

export function classroom(): TopologySpec {
  const alpha = { gateway: "10.1.0.1", mask: "255.255.255.0", dns: "10.1.0.5" };
  const beta = { gateway: "10.2.0.1", mask: "255.255.255.0", dns: "10.1.0.5" };
  return {
    name: "Classroom: two sites, two domains",
    devices: [
      { name: "Power Distribution Device0", kind: "power" }, // every fresh PT workspace has one (pt-api.md §1.2)
      {
        name: "R1",
        kind: "router",
        ports: [
          { ip: "10.1.0.1", mask: "255.255.255.0" },
          { ip: "10.2.0.1", mask: "255.255.255.0" },
        ],
      },
      { name: "SW-Alpha", kind: "switch" },
      { name: "SW-Beta", kind: "switch" },
      {
        name: "DNS-SRV",
        kind: "server",
        ip: "10.1.0.5",
        ...alpha,
        dnsServer: {
          records: {
            "mail.alpha.edu": "10.1.0.10",
            "mail.beta.org": "10.2.0.10",
            "alpha.edu": "10.1.0.10",
            "beta.org": "10.2.0.10",
          },
        },
      },
      {
        name: "MAIL-ALPHA",
        kind: "server",
        ip: "10.1.0.10",
        ...alpha,
        mailServer: {
          domain: "alpha.edu",
          users: { alice: "alice123", carol: "carol123", dave: "dave123", teacher: "teach123" },
        },
      },
      {
        name: "MAIL-BETA",
        kind: "server",
        ip: "10.2.0.10",
        ...beta,
        mailServer: { domain: "beta.org", users: { bob: "bob123", erin: "erin123" } },
      },
      {
        name: "PC-Teacher",
        kind: "pc",
        ip: "10.1.0.20",
        ...alpha,
        email: {
          name: "Teacher",
          mailId: "teacher@alpha.edu",
          user: "teacher",
          password: "teach123",
          smtp: "mail.alpha.edu",
        },
      },
      {
        name: "PC-Alice",
        kind: "pc",
        ip: "10.1.0.21",
        ...alpha,
        email: {
          name: "Alice",
          mailId: "alice@alpha.edu",
          user: "alice",
          password: "alice123",
          smtp: "mail.alpha.edu",
        },
      },
      {
        name: "PC-Carol",
        kind: "pc",
        ip: "10.1.0.22",
        ...alpha,
        email: {
          name: "Carol",
          mailId: "carol@alpha.edu",
          user: "carol",
          password: "carol123",
          smtp: "mail.alpha.edu",
        },
      },
      {
        name: "Laptop-Dave",
        kind: "laptop",
        ip: "10.1.0.23",
        ...alpha,
        email: { name: "Dave", mailId: "dave@alpha.edu", user: "dave", password: "dave123", smtp: "10.1.0.10" },
      },
      {
        name: "PC-Bob",
        kind: "pc",
        ip: "10.2.0.21",
        ...beta,
        email: { name: "Bob", mailId: "bob@beta.org", user: "bob", password: "bob123", smtp: "mail.beta.org" },
      },
      {
        name: "PC-Erin",
        kind: "pc",
        ip: "10.2.0.22",
        ...beta,
        email: { name: "Erin", mailId: "erin@beta.org", user: "erin", password: "erin123", smtp: "mail.beta.org" },
      },
    ],
    links: [
      ["R1:0", "SW-Alpha"],
      ["R1:1", "SW-Beta"],
      ["DNS-SRV", "SW-Alpha"],
      ["MAIL-ALPHA", "SW-Alpha"],
      ["PC-Teacher", "SW-Alpha"],
      ["PC-Alice", "SW-Alpha"],
      ["PC-Carol", "SW-Alpha"],
      ["Laptop-Dave", "SW-Alpha"],
      ["MAIL-BETA", "SW-Beta"],
      ["PC-Bob", "SW-Beta"],
      ["PC-Erin", "SW-Beta"],
    ],
  };
}

/** A second file, to open over the classroom: one LAN, one domain (seed 1). */
export function oneLan(): TopologySpec {
  return {
    name: "One LAN, one domain",
    devices: [
      { name: "SW1", kind: "switch" },
      {
        name: "SRV-MAIL",
        kind: "server",
        ip: "192.168.1.10",
        mask: "255.255.255.0",
        gateway: "192.168.1.1",
        dns: "192.168.1.10",
        dnsServer: { records: { "mail.school.lab": "192.168.1.10" } },
        mailServer: { domain: "school.lab", users: { ann: "ann123", ben: "ben123" } },
      },
      {
        name: "PC-Ann",
        kind: "pc",
        ip: "192.168.1.11",
        mask: "255.255.255.0",
        gateway: "192.168.1.1",
        dns: "192.168.1.10",
        email: { name: "Ann", mailId: "ann@school.lab", user: "ann", password: "ann123", smtp: "mail.school.lab" },
      },
      {
        name: "PC-Ben",
        kind: "pc",
        ip: "192.168.1.12",
        mask: "255.255.255.0",
        gateway: "192.168.1.1",
        dns: "192.168.1.10",
        email: { name: "Ben", mailId: "ben@school.lab", user: "ben", password: "ben123", smtp: "mail.school.lab" },
      },
    ],
    links: [
      ["SRV-MAIL", "SW1"],
      ["PC-Ann", "SW1"],
      ["PC-Ben", "SW1"],
    ],
  };
}
