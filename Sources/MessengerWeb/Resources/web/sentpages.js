// The Page window's list of pages sent, each with what became of it:
// "Sending…", then the server's receipt ("Sent to 2 devices", "Stored until
// Bob signs in", "+ pager gateway") or the reason it failed. Rows are kept
// by page id, so a status changes in place.
import { h, reconcile, setText } from "./dom.js";

export function createSentPages() {
  const el = h("ol", { class: "transcript sent-pages", "aria-label": "Pages sent", "aria-live": "polite", tabindex: "0" });
  return {
    el,
    update(pages) {
      const before = el.childElementCount;
      reconcile(el, pages, (page) => page.id, createRow, updateRow);
      if (el.childElementCount > before) el.scrollTop = el.scrollHeight;
    },
  };
}

function createRow(page) {
  const status = h("div", { class: "page-status" });
  const el = h("li", { class: "line local", "data-page-id": page.id },
    h("div", { class: "line-head" }, h("time", { datetime: page.time }, clock(page.time))),
    h("div", { class: "text" }, page.text),
    status);
  return { el, status };
}

function updateRow(row, page) {
  const known = ["sending", "sent", "failed"].includes(page.status) ? page.status : "sending";
  row.status.dataset.status = known;
  setText(row.status, page.statusText);
}

/** "14:03" (24-hour) in the viewer's time zone. */
function clock(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}
