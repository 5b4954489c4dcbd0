// Selecting text in the document offers to add a missing extraction. The text is rendered as
// segments that each carry their character offset (data-o) into the stored text, so a selection
// maps back to exact offsets; the server trims and checks them again.
(function () {
  "use strict";
  let selection = null;

  function textRoot() { return document.getElementById("policy-text"); }

  // Offsets count Unicode code points, as Python does; the DOM counts UTF-16 units.
  function codePoints(text) { return Array.from(text).length; }

  function offsetOf(root, node, offset) {
    if (node === root) {
      const child = root.childNodes[offset];
      return child ? Number(child.dataset.o) : Number(root.dataset.length);
    }
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const segment = element.closest("[data-o]");
    if (!segment || !root.contains(segment)) { return null; }
    let before;
    if (node.nodeType === Node.TEXT_NODE) { before = node.data.slice(0, offset); }
    else { before = offset === 0 ? "" : segment.textContent; }
    return Number(segment.dataset.o) + codePoints(before);
  }

  function readSelection() {
    const root = textRoot();
    const current = window.getSelection();
    if (!root || !root.dataset.addUrl || !current || current.isCollapsed || current.rangeCount === 0) { return null; }
    const range = current.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return null; }
    const start = offsetOf(root, range.startContainer, range.startOffset);
    const end = offsetOf(root, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return null; }
    return { start: start, end: end, text: current.toString() };
  }

  function showTools() {
    const tools = document.getElementById("selection-tools");
    if (!tools) { return; }
    selection = readSelection();
    if (!selection || !selection.text.trim()) { return; }
    document.getElementById("selection-text").textContent = selection.text.trim();
    tools.hidden = false;
  }

  document.addEventListener("mouseup", function (event) {
    const root = textRoot();
    if (root && root.contains(event.target)) { showTools(); }
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) { showTools(); }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-add-kind]");
    if (button && selection) {
      const root = textRoot();
      const url = root.dataset.addUrl.replace("KIND", button.dataset.addKind) +
        "?start=" + selection.start + "&end=" + selection.end;
      htmx.ajax("GET", url, { target: "#add-slot", swap: "innerHTML" });
      document.getElementById("selection-tools").hidden = true;
      return;
    }
    // A highlight leads to its entry in the side panel.
    const mark = event.target.closest("mark[data-items]");
    if (mark && window.getSelection().isCollapsed) {
      const ids = mark.dataset.items.split(" ");
      const entry = document.getElementById("item-" + ids[ids.length - 1]);
      if (entry) {
        entry.scrollIntoView({ block: "center", behavior: "smooth" });
        entry.classList.add("flash");
        window.setTimeout(function () { entry.classList.remove("flash"); }, 1200);
      }
    }
  });
})();
