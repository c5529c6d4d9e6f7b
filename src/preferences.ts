// What the user chose and what survives closing the panel: the settings and
// the per-device account presets (kept by PT across restarts through
// $putData, src/storage.ts), and the draft being written (kept in memory).
// Each change takes a revision, so a reader behind it gets the new values.
import { BODY_KEPT } from "./log";
import type { Changes, ComposePreset, Draft, Reply, RequestOf, Settings } from "./protocol";
import type { Host } from "./pt";
import { messageOf, refuse } from "./requests";
import type { Revision } from "./revision";
import {
  loadPresets,
  loadSettings,
  type Presets,
  rememberPreset,
  sanitizeSettings,
  savePresets,
  saveSettings,
} from "./storage";

export class Preferences {
  settings: Settings;
  private presets: Presets;
  private draft: Draft | null = null;
  private prefsRev = 0;
  private draftRev = 0;

  constructor(
    private readonly host: Host,
    private readonly revision: Revision,
  ) {
    this.settings = loadSettings(host);
    this.presets = loadPresets(host);
  }

  /** Adds what changed after seq (everything on a full answer) to the changes going to the panel. */
  addTo(c: Pick<Changes, "full" | "settings" | "presets" | "draft">, seq: number): void {
    if (c.full || this.prefsRev > seq) {
      c.settings = this.settings;
      c.presets = this.presets;
    }
    if (c.full || this.draftRev > seq) c.draft = this.draft;
  }

  /**
   * The account a device just sent with becomes its preset; the password stays in the device's own settings.
   * Kept only once PT has stored it (memory and options file agree); answers why not, or "".
   */
  rememberAccount(device: string, preset: ComposePreset): string {
    const next = rememberPreset(this.presets, device, preset);
    try {
      savePresets(this.host, next);
    } catch (e) {
      return "The account was not remembered for next time: Packet Tracer could not store it (" + messageOf(e) + ").";
    }
    this.presets = next;
    this.prefsRev = this.revision.next();
    return "";
  }

  /** Applies new settings; answers them sanitized (the caller applies the cap to the log). */
  change(r: RequestOf<"saveSettings">): Reply<"saveSettings"> {
    if (!r.settings || typeof r.settings !== "object")
      return refuse("Settings: send the values to change.", "settings");
    const next = sanitizeSettings(Object.assign({}, this.settings, r.settings));
    // Stored first: if PT refuses, nothing changes (the answer, the next answer and the log's cap agree).
    try {
      saveSettings(this.host, next);
    } catch (e) {
      return refuse(
        "Settings: Packet Tracer could not store them (" + messageOf(e) + "); nothing changed.",
        "settings",
      );
    }
    this.settings = next;
    this.prefsRev = this.revision.next();
    return { ok: true, value: next };
  }

  keepDraft(r: RequestOf<"saveDraft">): Reply<"saveDraft"> {
    const d = r.draft;
    if (d !== null && (!d || typeof d !== "object")) return refuse("Draft: send the draft, or null to forget it.");
    this.draft =
      d === null
        ? null
        : {
            device: text(d.device, 200),
            to: text(d.to, 20000),
            subject: text(d.subject, 2000),
            body: text(d.body, BODY_KEPT),
          };
    this.draftRev = this.revision.next();
    return { ok: true, value: {} };
  }
}

/** Text from a request, bounded: a draft is for a person to read, not a store for megabytes or deep objects. */
function text(value: unknown, limit: number): string {
  const t = typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  return t.length > limit ? t.slice(0, limit) : t;
}
