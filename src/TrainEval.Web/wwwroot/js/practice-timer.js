// Shows the time left until a self-test's submission deadline. Display only: the server times the round
// (StartedAtUtc / SubmittedAtUtc from its clock) and decides whether a submission is late.
const pad = (n) => String(n).padStart(2, "0");
for (const el of document.querySelectorAll("[data-deadline]")) {
  const deadline = Date.parse(el.dataset.deadline);
  if (Number.isNaN(deadline)) continue;
  const tick = () => {
    const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    el.textContent = left > 0 ? `剩余 ${pad(Math.floor(left / 60))}:${pad(left % 60)}` : "已超时";
    if (left === 0) { el.classList.add("late"); return false; }
    return true;
  };
  if (tick()) {
    const timer = setInterval(() => { if (!tick()) clearInterval(timer); }, 1000);
  }
}
