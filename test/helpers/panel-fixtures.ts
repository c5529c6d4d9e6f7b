import type {
  Changes,
  DeviceInfo,
  MailEntry,
  Reply,
  Request,
  RequestOf,
  RequestType,
  Results,
} from "../../src/protocol";
import type { Call } from "../../ui/engine-link";

export const DEVICES: DeviceInfo[] = [
  {
    key: "k-alice",
    name: "PC-Alice",
    model: "PC-PT",
    powered: true,
    displayName: "Alice",
    mailId: "alice@alpha.edu",
    user: "alice",
    password: "alice123",
    smtpServer: "mail.alpha.edu",
  },
  {
    key: "k-bob",
    name: "PC-Bob",
    model: "PC-PT",
    powered: true,
    displayName: "Bob",
    mailId: "bob@beta.org",
    user: "bob",
    password: "bob123",
    smtpServer: "mail.beta.org",
  },
  {
    key: "k-dns",
    name: "DNS-SRV",
    model: "Server-PT",
    powered: true,
    displayName: "",
    mailId: "",
    user: "",
    password: "",
    smtpServer: "",
  },
];

let nextId = 1;
export function mail(over: Partial<MailEntry> = {}): MailEntry {
  const id = over.id ?? nextId++;
  return {
    id,
    rev: id,
    origin: "console",
    group: id,
    file: 1,
    deviceKey: "k-alice",
    device: "PC-Alice",
    from: "alice@alpha.edu",
    to: "carol@alpha.edu",
    subject: "Hello",
    body: "Body",
    server: "mail.alpha.edu",
    state: "delivered",
    code: 2,
    queuedAt: 1767225600000 + id * 1000,
    updatedAt: 1767225600000 + id * 1000,
    events: [
      { at: 1767225600000, code: 1 },
      { at: 1767225601000, code: 2 },
    ],
    ...over,
  };
}

export function changes(over: Partial<Changes> = {}): Changes {
  return {
    epoch: 1,
    seq: 10,
    mails: [],
    full: true,
    sent: 0,
    file: 1,
    droppedIds: [],
    dropped: 0,
    devices: DEVICES,
    presets: {},
    status: { simulationMode: false, version: "t" },
    ...over,
  };
}

type Answers = { [T in RequestType]: (r: RequestOf<T>) => Results[T] };

const DEFAULT_ANSWERS: Answers = {
  openPanel: () => changes(),
  changesSince: () => changes({ full: false, devices: undefined }),
  sendMail: (r) => ({ ids: r.mails.map((_, i) => i + 1) }),
  cancelSend: () => ({ cancelled: 1 }),
  readDevice: (r) => {
    const d = DEVICES.filter((x) => x.key === r.device)[0];
    if (!d) throw new Error("fakeEngine: no device " + r.device);
    return d;
  },
  saveDraft: () => ({}),
  predict: (r) => r.to.map((to) => ({ to, verdict: null })),
  fidelityReport: () => ({ text: "" }),
  labCheck: () => ({ senders: [], roster: [], cells: [], causes: [], readable: false }),
  clearLog: () => ({ epoch: 2 }),
  saveLog: (r) => ({ path: "C:/Users/student/Cisco Packet Tracer 9.0.1/mail-console." + r.format }),
  saveSettings: (r) => Object.assign({ cap: 5000, watchdogMs: 60000 }, r.settings),
};

/** A stand-in engine for component tests: records each request and answers it as the engine would. */
export function fakeEngine(over: Partial<Answers> = {}): { call: Call; calls: Request[] } {
  const answers: Answers = Object.assign({}, DEFAULT_ANSWERS, over);
  const calls: Request[] = [];
  const call = <T extends RequestType>(r: RequestOf<T>): Promise<Reply<T>> => {
    const request = r as Request;
    calls.push(request);
    // The map's entry for r.type answers Results[T]; TypeScript cannot follow the key through the lookup.
    const answer = answers[request.type] as (x: RequestOf<T>) => Results[T];
    try {
      return Promise.resolve({ ok: true as const, value: answer(r) });
    } catch (e) {
      return Promise.resolve({ ok: false as const, error: (e as Error).message });
    }
  };
  return { call, calls };
}

/** n mails (ids from `first`), each a send of its own, with `over` on every one. */
export function many(n: number, over: Partial<MailEntry> = {}, first = 1): MailEntry[] {
  const out: MailEntry[] = [];
  for (let id = first; id < first + n; id++) out.push(mail({ id, to: `s${id}@alpha.edu`, ...over }));
  return out;
}

/** A push that follows on from `store`'s seq with these mails changed. */
export function push(seq: number, mails: MailEntry[], over: Partial<Changes> = {}): Changes {
  return changes({ full: false, seq, mails, devices: undefined, presets: undefined, ...over });
}

/** What a screen reader reads in an element: its text, less what is aria-hidden. */
export function spoken(el: Element): string {
  let out = "";
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 3) out += n.textContent;
    else if (n.nodeType === 1 && (n as Element).getAttribute("aria-hidden") !== "true") out += spoken(n as Element);
  }
  return out.replace(/\s+/g, " ").trim();
}
