// Enables "I have read" buttons only after the learner has scrolled through the text (ENR-06, LC-02).
// The server records when the step was confirmed; this module only makes skipping the text deliberate.
(function () {
  for (const box of document.querySelectorAll("[data-read-through]")) {
    const section = box.closest("section") || document;
    const buttons = section.querySelectorAll("[data-requires-read]");
    const check = () => {
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 8) {
        buttons.forEach((b) => { b.disabled = false; });
        box.classList.add("read");
      }
    };
    box.addEventListener("scroll", check, { passive: true });
    check();
  }
})();
