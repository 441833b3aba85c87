// LC-02: the commitment signing page. The agreement box and the sign button enable only after the text was scrolled to
// its end; the page-operation log (opened, scrolled to end, ticked, submitted — epoch milliseconds) is posted with the
// form and the server refuses a signature whose log never reached the end.
const box = document.querySelector("[data-commitment-text]");
const form = document.querySelector("[data-commitment-form]");
if (box && form) {
  const log = [{ e: "opened", t: Date.now() }];
  const agree = form.querySelector("[data-commitment-agree]");
  const sign = form.querySelector("[data-commitment-sign]");
  const field = form.querySelector("[data-commitment-log]");
  let reachedEnd = false;
  const update = () => {
    agree.disabled = !reachedEnd;
    sign.disabled = !(reachedEnd && agree.checked);
    field.value = JSON.stringify(log);
  };
  const check = () => {
    if (!reachedEnd && box.scrollTop + box.clientHeight >= box.scrollHeight - 8) {
      reachedEnd = true;
      log.push({ e: "scrolled_end", t: Date.now() });
      box.classList.add("read");
      update();
    }
  };
  box.addEventListener("scroll", check, { passive: true });
  agree.addEventListener("change", () => {
    log.push({ e: agree.checked ? "checked" : "unchecked", t: Date.now() });
    update();
  });
  form.addEventListener("submit", (ev) => {
    if (!reachedEnd || !agree.checked) { ev.preventDefault(); return; }
    log.push({ e: "submitted", t: Date.now() });
    update();
  });
  update();
  check();
}
