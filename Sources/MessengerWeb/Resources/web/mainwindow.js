// The main window: who I am, my status, sign in/out, the contact list by
// group, and the contact and group actions (each one Automation API call).
import { h, reconcile, setText } from "./dom.js";
import { presenceIcon, setPresence } from "./presence.js";
import { createStatusMenu } from "./statusmenu.js";

const OTHER = "other";
const PHONE_TYPES = [["work", 1, "Work"], ["home", 0, "Home"], ["mobile", 2, "Mobile"]];

export function createMainWindow(ctx) {
  let selected = null; // signinName of the selected contact
  let view = null;

  // Me
  const myIcon = presenceIcon("offline");
  const myName = h("div", { class: "me-name" });
  const mySignin = h("div", { class: "me-signin" });
  const statusMenu = createStatusMenu(ctx);
  const phaseText = h("div", { class: "me-phase" });
  const signButton = h("button", {
    class: "sign-button", type: "button",
    onclick: () => ctx.act(view?.me.phase === "signedOut" ? "Messenger.AutoSignin" : "Messenger.Signout"),
  });
  const me = h("div", { class: "me" },
    h("div", { class: "me-avatar" }, myIcon),
    h("div", { class: "me-text" }, myName, mySignin, statusMenu.el, phaseText),
    signButton);

  // Add a contact
  const addInput = h("input", {
    class: "add-contact-input", type: "text", placeholder: "Add a contact (name@domain)",
    "aria-label": "Sign-in name of the contact to add", autocomplete: "off", spellcheck: "false",
  });
  const addForm = h("form", { class: "add-contact" }, addInput, h("button", { type: "submit" }, "Add"));
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const signinName = addInput.value.trim();
    if (!signinName) return;
    if ((await ctx.act("MessengerPrivate.AddContact", { signinName })).ok) addInput.value = "";
  });

  // Contact list
  const list = h("div", { class: "contact-list", role: "tree", "aria-label": "Contacts" });
  const empty = h("p", { class: "empty" });

  // Actions on the selected contact
  const selectedLabel = h("span", { class: "selected-label" });
  const imButton = h("button", { type: "button", onclick: () => instantMessage(selected) }, "Send IM");
  const phoneType = h("select", { class: "phone-type", "aria-label": "Number to call" });
  const callButton = h("button", {
    type: "button", onclick: () => ctx.act("Messenger.Phone", { contact: selected, type: Number(phoneType.value) }),
  }, "Call");
  const pageButton = h("button", { type: "button", onclick: () => ctx.act("Messenger.Page", { contact: selected }) }, "Page");
  const blockButton = h("button", {
    type: "button",
    onclick: () => ctx.act("Contact.put_Blocked", { handle: `contact:${selected}`, value: !contactOf(selected)?.blocked }),
  });
  const moveSelect = h("select", { class: "move-to-group", "aria-label": "Add to group" });
  moveSelect.addEventListener("change", async () => {
    const group = moveSelect.value;
    moveSelect.value = "";
    if (group) await ctx.act("Group.AddContact", { handle: `group:${group}`, contact: selected });
  });
  const removeButton = h("button", {
    type: "button", class: "danger",
    onclick: () => ctx.act("Contacts.Remove", { handle: "contacts:mine", contact: selected }),
  }, "Remove");
  const actions = h("div", { class: "contact-actions", role: "toolbar", "aria-label": "Selected contact" },
    selectedLabel, imButton, h("span", { class: "call-group" }, phoneType, callButton), pageButton, blockButton,
    moveSelect, removeButton);

  // New group
  const groupInput = h("input", {
    class: "new-group-input", type: "text", placeholder: "New group name", "aria-label": "New group name", autocomplete: "off",
  });
  const groupForm = h("form", { class: "new-group" }, groupInput, h("button", { type: "submit" }, "Create group"));
  groupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const groupName = groupInput.value.trim();
    if (!groupName) return;
    if ((await ctx.act("Messenger.CreateGroup", { groupName, serviceId: "" })).ok) groupInput.value = "";
  });

  const el = h("div", { class: "main-window" }, me, addForm, h("div", { class: "list-scroller" }, list, empty), actions, groupForm);

  function contactOf(signinName) {
    return view?.contacts.find((c) => c.signinName === signinName);
  }
  function instantMessage(signinName) {
    if (signinName) ctx.act("Messenger.InstantMessage", { contact: signinName });
  }
  function select(signinName) {
    selected = signinName;
    render();
  }

  function sections() {
    const grouped = new Set();
    const result = (view.groups ?? []).map((g) => {
      for (const s of g.contacts) grouped.add(s);
      return { id: g.id, name: g.name, contacts: view.contacts.filter((c) => g.contacts.includes(c.signinName)) };
    });
    const others = view.contacts.filter((c) => !grouped.has(c.signinName));
    if (others.length > 0) result.push({ id: OTHER, name: "Other Contacts", contacts: others });
    return result;
  }

  function render() {
    const m = view.me;
    setPresence(myIcon, m.statusName);
    setText(myName, m.friendlyName || m.signinName);
    setText(mySignin, m.signinName);
    statusMenu.update(m);
    const phases = { signedOut: "Signed out", connecting: "Signing in…", synchronizing: "Getting your contacts…", reconnecting: "Reconnecting…" };
    setText(phaseText, phases[m.phase] ?? "");
    setText(signButton, m.phase === "signedOut" ? "Sign in" : "Sign out");

    reconcile(list, sections(), (s) => s.id, (s) => createGroupSection(s, ctx, { select, instantMessage }), (section, s) => section.update(s, selected));
    setText(empty, m.phase === "signedOut" ? "Sign in to see your contacts." : "No contacts yet: add one above.");
    empty.hidden = view.contacts.length > 0;

    if (selected && !contactOf(selected)) selected = null;
    const contact = contactOf(selected);
    actions.hidden = !contact;
    if (contact) {
      setText(selectedLabel, contact.friendlyName);
      setText(blockButton, contact.blocked ? "Unblock" : "Block");
      pageButton.disabled = !contact.canPage;
      const numbers = PHONE_TYPES.map(([key, type, label]) => ({ key, type, label, number: contact.phones?.[key] ?? "" }));
      reconcile(phoneType, numbers, (n) => n.key, () => ({ el: h("option") }), (option, n) => {
        option.el.value = String(n.type);
        setText(option.el, n.number ? `${n.label}: ${n.number}` : `${n.label} (no number)`);
      });
      const groupOptions = [{ id: "", name: "Add to group…" }, ...(view.groups ?? [])];
      reconcile(moveSelect, groupOptions, (g) => String(g.id), () => ({ el: h("option") }), (option, g) => {
        option.el.value = String(g.id);
        setText(option.el, g.name);
      });
    }
  }

  return {
    el,
    update(_window, newView) {
      view = newView;
      render();
    },
  };
}

function createGroupSection(section, ctx, handlers) {
  const id = section.id;
  const name = h("span", { class: "group-name" });
  const count = h("span", { class: "group-count" });
  const toggle = h("button", {
    class: "group-toggle", type: "button", "aria-expanded": "true",
    onclick: () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      rows.hidden = !open;
    },
  }, h("span", { class: "caret", "aria-hidden": "true" }), name, count);
  const header = h("div", { class: "group-header" }, toggle);
  let renameInput = null;
  if (id !== OTHER) {
    const renameButton = h("button", {
      class: "icon-button rename", type: "button", title: "Rename group", "aria-label": "Rename group",
      onclick: () => startRename(),
    });
    const removeButton = h("button", {
      class: "icon-button remove", type: "button", title: "Remove group", "aria-label": "Remove group",
      onclick: () => ctx.act("Groups.Remove", { handle: "groups:mine", group: `group:${id}` }),
    });
    header.append(renameButton, removeButton);
  }
  const rows = h("ul", { class: "group-contacts", role: "group" });
  const el = h("div", { class: "group", "data-group-id": id, role: "treeitem", "aria-expanded": "true" }, header, rows);

  function startRename() {
    if (renameInput) return;
    renameInput = h("input", { class: "rename-input", type: "text", value: name.textContent, "aria-label": "Group name" });
    const finish = async (commit) => {
      const input = renameInput;
      if (!input) return;
      renameInput = null;
      input.replaceWith(toggle);
      toggle.focus();
      const value = input.value.trim();
      if (commit && value && value !== name.textContent) await ctx.act("Group.put_Name", { handle: `group:${id}`, value });
    };
    renameInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); finish(true); }
      if (event.key === "Escape") { event.preventDefault(); finish(false); }
    });
    renameInput.addEventListener("blur", () => finish(false));
    toggle.replaceWith(renameInput);
    renameInput.focus();
    renameInput.select();
  }

  return {
    el,
    update(s, selected) {
      setText(name, s.name);
      const online = s.contacts.filter((c) => c.statusName !== "offline" && c.statusName !== "unknown").length;
      setText(count, `(${online}/${s.contacts.length})`);
      reconcile(rows, s.contacts, (c) => c.signinName, (c) => createContactRow(c, handlers), (row, c) => row.update(c, selected));
    },
  };
}

function createContactRow(contact, handlers) {
  const signinName = contact.signinName;
  const icon = presenceIcon(contact.statusName, contact.blocked);
  const name = h("span", { class: "contact-name" });
  const status = h("span", { class: "contact-status" });
  const blocked = h("span", { class: "blocked-badge" }, "Blocked");
  const el = h("li", {
    class: "contact", tabindex: "0", role: "treeitem", "data-contact": signinName,
    onclick: () => handlers.select(signinName),
    ondblclick: () => handlers.instantMessage(signinName),
    onkeydown: (event) => {
      if (event.target !== el) return;
      if (event.key === "Enter") { event.preventDefault(); handlers.instantMessage(signinName); }
      if (event.key === " ") { event.preventDefault(); handlers.select(signinName); }
    },
    onfocus: () => handlers.select(signinName),
  }, icon, h("span", { class: "contact-text" }, name, status), blocked);
  return {
    el,
    update(c, selected) {
      setPresence(icon, c.statusName, c.blocked);
      setText(name, c.friendlyName || c.signinName);
      setText(status, c.statusText);
      el.title = `${c.friendlyName} <${c.signinName}> — ${c.statusText}${c.blocked ? " (blocked)" : ""}`;
      blocked.hidden = !c.blocked;
      el.classList.toggle("is-blocked", c.blocked);
      el.dataset.status = c.statusName;
      el.setAttribute("aria-selected", String(c.signinName === selected));
    },
  };
}
