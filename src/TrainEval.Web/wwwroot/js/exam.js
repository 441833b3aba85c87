// The exam page (EXM-02/03): shows the server's time left, autosaves every change with a per-question seq (acknowledged
// only when durable), retries what was not acknowledged, stops saving just before the deadline so it cannot race the
// submission, reports leaving the page and network loss, and submits. The server decides everything; this only shows it.
const root = document.querySelector('[data-testid="exam"]');
if (root) {
  const attempt = root.dataset.attempt;
  const entry = root.dataset.entry;
  const api = `/api/v1/exams/attempts/${attempt}`;
  const door = `/my/exams/${root.dataset.sitting}`;
  const saveStop = Number(root.dataset.saveStop);
  const timer = root.querySelector('[data-testid="exam-timer"]');
  const state = root.querySelector('[data-testid="exam-save-state"]');
  const alertBox = root.querySelector('[data-testid="exam-alert"]');
  const submitButton = root.querySelector('[data-testid="exam-submit"]');
  let deadline = performance.now() + Number(root.dataset.secondsLeft) * 1000;
  let minSubmitAt = performance.now() + Number(root.dataset.minSubmit) * 1000;
  let locked = false;
  const seqs = new Map();
  const pending = new Map();   // questionId -> body waiting for an acknowledgement
  let inFlight = false;

  const secondsLeft = () => Math.max(0, Math.floor((deadline - performance.now()) / 1000));
  const sync = (s) => { if (typeof s === 'number') deadline = performance.now() + s * 1000; };
  const say = (text) => { state.textContent = text; };
  const halt = (text) => {
    locked = true;
    alertBox.textContent = text;
    alertBox.hidden = false;
    root.querySelectorAll('input, textarea').forEach((el) => { el.disabled = true; });
    submitButton.disabled = true;
  };

  root.querySelectorAll('[data-testid="exam-question"]').forEach((q) => seqs.set(q.dataset.question, Number(q.dataset.seq) || 0));

  function answerOf(q) {
    if (q.dataset.kind === 'practical') return { text: q.querySelector('textarea').value };
    return { choices: [...q.querySelectorAll('input:checked')].map((i) => Number(i.value)) };
  }

  function queue(q) {
    if (locked) return;
    if (secondsLeft() <= saveStop) { say('即将到时，已停止保存，系统将按已保存的答案自动交卷'); return; }
    const id = q.dataset.question;
    const seq = (seqs.get(id) || 0) + 1;
    seqs.set(id, seq);
    pending.set(id, { entry, questionId: id, seq, ...answerOf(q) });
    q.classList.add('saving');
    flush();
  }

  async function flush() {
    if (inFlight || locked) return;
    const next = pending.entries().next();
    if (next.done) { say('所有答案已保存'); return; }
    const [id, body] = next.value;
    inFlight = true;
    say('正在保存…');
    try {
      const r = await fetch(`${api}/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      const data = await r.json().catch(() => ({}));
      sync(data.secondsLeft);
      const q = root.querySelector(`[data-question="${id}"]`);
      if (r.ok) {
        if (pending.get(id) === body) pending.delete(id);
        if (!pending.has(id)) q.classList.remove('saving', 'unsaved');
      } else if (r.status === 409) {
        halt(data.title || '答卷已锁定');
        if (data.state === 'locked') setTimeout(() => { location.href = door; }, 1500);
      } else if (r.status === 503 || r.status === 429) {
        // The server is busy and queued nothing: keep the answer pending and resend it (same seq) shortly.
        say('服务器繁忙，答案将自动重新保存');
        await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
      } else if (r.status === 401 || r.status === 403) {
        halt('登录已失效（可能已在其他设备登录），请重新登录后核验身份再进入考试。');
      } else {
        pending.delete(id);
        q.classList.add('unsaved');
        say(data.title || '保存失败');
      }
    } catch {
      say('网络异常，答案将在恢复后自动重新保存');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      inFlight = false;
    }
    if (pending.size > 0 && !locked) flush(); else if (!locked) say('所有答案已保存');
  }

  root.addEventListener('change', (e) => { const q = e.target.closest('[data-testid="exam-question"]'); if (q) queue(q); });
  let typing;
  root.addEventListener('input', (e) => {
    if (e.target.tagName !== 'TEXTAREA') return;
    clearTimeout(typing);
    typing = setTimeout(() => queue(e.target.closest('[data-testid="exam-question"]')), 800);
  });

  async function report(kind) {
    if (locked) return;
    try { await fetch(`${api}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ entry, kind }), credentials: 'same-origin', keepalive: true }); } catch { /* logged on the next one */ }
  }
  document.addEventListener('visibilitychange', () => report(document.hidden ? 'page_hidden' : 'page_visible'));
  window.addEventListener('offline', () => { say('网络中断，恢复后自动保存'); report('offline'); });
  window.addEventListener('online', () => { report('online'); flush(); });

  async function submit(byTimer) {
    if (locked && !byTimer) return;
    const r = await fetch(`${api}/submit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ entry }), credentials: 'same-origin' }).catch(() => null);
    const data = r ? await r.json().catch(() => ({})) : {};
    if (r && r.ok) { halt('已交卷，正在返回…'); location.href = door; return; }
    if (byTimer) { halt('考试时间已到，系统将按已保存的答案自动交卷。'); setTimeout(() => { location.href = door; }, 3000); return; }
    alertBox.textContent = data.title || '交卷失败，请稍后重试';
    alertBox.hidden = false;
  }
  submitButton.addEventListener('click', () => {
    if (performance.now() < minSubmitAt) { alertBox.textContent = `开始作答 ${Math.ceil((minSubmitAt - performance.now()) / 60000)} 分钟后方可交卷`; alertBox.hidden = false; return; }
    const unanswered = [...root.querySelectorAll('[data-testid="exam-question"]')].filter((q) => {
      const a = answerOf(q);
      return a.text !== undefined ? a.text.trim() === '' : a.choices.length === 0;
    }).length;
    if (window.confirm(unanswered > 0 ? `还有 ${unanswered} 题未作答，确定交卷吗？交卷后不能修改。` : '确定交卷吗？交卷后不能修改。')) submit(false);
  });

  let expired = false;
  const tick = () => {
    const s = secondsLeft();
    timer.textContent = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    timer.classList.toggle('low', s <= 300);
    if (s === 0 && !expired) { expired = true; submit(true); }
  };
  tick();
  setInterval(tick, 1000);
  setInterval(async () => {
    if (locked) return;
    const r = await fetch(`${api}/time`, { credentials: 'same-origin' }).catch(() => null);
    if (r && r.ok) sync((await r.json()).secondsLeft);
  }, 30000);
}
