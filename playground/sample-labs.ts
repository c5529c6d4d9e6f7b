// The toolbar's "Sample labs" menu: the project's own fixture labs (issue 20: "the playground offers
// them"), which the build copies from test/fixtures/labs/ into /playground/labs/ with an index
// (build/sample-labs.mjs). A pick opens the lab exactly as a file picked by the button or dropped on the
// page (lab-file.ts openLabFile): its bytes come from the playground's own server, nothing else.

import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { type OpenLab, openLabFile } from "./lab-file";

/** One entry of /playground/labs/index.json. */
export interface SampleLab {
  file: string;
  title: string;
  description: string;
  bytes: number;
}

const BASE = "/playground/labs/";

/** The index, asked once per page: the labs, or why there are none. */
let asked: Promise<SampleLab[]> | null = null;
function sampleIndex(): Promise<SampleLab[]> {
  if (!asked)
    asked = fetch(BASE + "index.json").then((r) => {
      if (!r.ok) throw new Error(BASE + "index.json answered " + r.status);
      return r.json() as Promise<SampleLab[]>;
    });
  return asked;
}

/**
 * A sample as openLabFile reads a picked file: its name, its size (the index's, for the size check) and
 * its bytes, fetched when they are read, so "Opening …" shows meanwhile and a failed fetch is said where
 * any failed open is.
 */
function sampleFile(lab: SampleLab): File {
  const like: Pick<File, "name" | "size" | "arrayBuffer"> = {
    name: lab.file,
    size: lab.bytes,
    arrayBuffer: () =>
      fetch(BASE + encodeURIComponent(lab.file)).then((r) => {
        if (!r.ok) throw new Error("the playground's server answered " + r.status + " for it");
        return r.arrayBuffer();
      }),
  };
  return like as File;
}

export function SampleLabs({ open }: { open: OpenLab }) {
  const [labs, setLabs] = useState<SampleLab[] | null>(null);
  const [failed, setFailed] = useState("");
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    sampleIndex().then(setLabs, (e: Error) => setFailed(e.message));
    // A menu: a click anywhere else closes it.
    const away = (e: MouseEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) menu.current.open = false;
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, []);
  const pick = (lab: SampleLab) => {
    if (menu.current) menu.current.open = false;
    void openLabFile(sampleFile(lab), open);
  };
  return html`<details class="samples" ref=${menu} onKeyDown=${(e: KeyboardEvent) => {
    if (e.key === "Escape" && menu.current?.open) {
      menu.current.open = false;
      (menu.current.querySelector("summary") as HTMLElement).focus();
    }
  }}>
    <summary title="The project's own labs (test/fixtures/labs), opened as File > Open opens a lab">Sample labs</summary>
    <div class="samples-menu">
      ${failed ? html`<p role="alert">The sample labs could not be listed: ${failed}.</p>` : null}
      ${!labs && !failed ? html`<p class="muted">Listing…</p>` : null}
      ${
        labs
          ? html`<ul aria-label="Sample labs">${labs.map(
              (lab) => html`<li>
            <button type="button" title=${lab.title} onClick=${() => pick(lab)}>${lab.file}</button>
            ${lab.description ? html` <span class="muted">${lab.description}</span>` : null}</li>`,
            )}</ul>`
          : null
      }
    </div></details>`;
}
