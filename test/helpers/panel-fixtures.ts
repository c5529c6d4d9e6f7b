import type { Changes, DeviceInfo, MailEntry } from "../../src/protocol";

export const DEVICES: DeviceInfo[] = [
  { key: "k-alice", name: "PC-Alice", model: "PC-PT", powered: true, displayName: "Alice", mailId: "alice@alpha.edu", user: "alice", password: "alice123", smtpServer: "mail.alpha.edu" },
  { key: "k-bob", name: "PC-Bob", model: "PC-PT", powered: true, displayName: "Bob", mailId: "bob@beta.org", user: "bob", password: "bob123", smtpServer: "mail.beta.org" },
  { key: "k-dns", name: "DNS-SRV", model: "Server-PT", powered: true, displayName: "", mailId: "", user: "", password: "", smtpServer: "" },
];

let nextId = 1;
export function mail(over: Partial<MailEntry> = {}): MailEntry {
  const id = over.id ?? nextId++;
  return {
    id, rev: id, origin: "console", deviceKey: "k-alice", device: "PC-Alice", from: "alice@alpha.edu", to: "carol@alpha.edu",
    subject: "Hello", body: "Body", server: "mail.alpha.edu", state: "delivered", code: 2, queuedAt: 1767225600000 + id * 1000,
    updatedAt: 1767225600000 + id * 1000, events: [{ at: 1767225600000, code: 1 }, { at: 1767225601000, code: 2 }], ...over,
  };
}

export function changes(over: Partial<Changes> = {}): Changes {
  return { epoch: 1, seq: 10, mails: [], full: true, droppedIds: [], dropped: 0, devices: DEVICES, presets: {}, status: { simulationMode: false, version: "t" }, ...over };
}
