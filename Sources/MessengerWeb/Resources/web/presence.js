// Presence families: one icon shape and colour per family of MISTATUS names.
import { h } from "./dom.js";

const FAMILIES = {
  online: "available",
  "may-be-available": "away",
  busy: "busy",
  "in-a-conference": "engaged",
  "do-not-disturb": "dnd",
  "allow-urgent-interruptions": "dnd",
  "be-right-back": "away",
  away: "away",
  idle: "away",
  "out-to-lunch": "away",
  "out-of-office": "away",
  "on-the-phone": "engaged",
  "in-a-meeting": "engaged",
  invisible: "offline",
  offline: "offline",
  unknown: "offline",
};

export function presenceFamily(statusName) {
  return FAMILIES[statusName] ?? (String(statusName).startsWith("local") ? "offline" : "available");
}

/** The icon element; update it with `setPresence`. */
export function presenceIcon(statusName, blocked = false) {
  const icon = h("span", { class: "presence", "aria-hidden": "true" });
  setPresence(icon, statusName, blocked);
  return icon;
}

export function setPresence(icon, statusName, blocked = false) {
  const family = presenceFamily(statusName);
  if (icon.dataset.family !== family) icon.dataset.family = family;
  if (blocked) icon.dataset.blocked = "";
  else delete icon.dataset.blocked;
}
