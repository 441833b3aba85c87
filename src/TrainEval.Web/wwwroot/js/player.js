// Video player controls (LRN-03). The server decides what counts; this module only reports faithfully and keeps
// the honest learner on the rules: no seeking past the furthest watched point, no speed change, pause when hidden,
// heartbeats on every state change and every 30 s, interaction and identity prompts when the server says so.
import { captureFrames, openCamera } from './face-capture.js';

const root = document.getElementById('player');
if (root) start(root);

function start(root) {
  const video = root.querySelector('video[data-testid="player-video"]');
  const token = root.dataset.token;
  const replay = root.dataset.replay === 'true';
  const interval = Number(root.dataset.interval || 30) * 1000;
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const state = $('player-state'), message = $('player-message'), stopped = $('player-stopped');
  const interactionPrompt = $('interaction-prompt'), identityPrompt = $('identity-prompt');
  let furthest = Number(root.dataset.resume || 0);
  let seq = 0, lastInteraction = new Date(), halted = false, interactionTimer = null, identityCheck = null, lastTime = 0;

  const say = (text) => { message.textContent = text; message.hidden = !text; };
  const label = () => halted ? '已停止' : video.paused ? '已暂停' : '播放中';
  const refresh = () => { state.textContent = label(); };

  video.addEventListener('loadedmetadata', () => {
    if (furthest > 0 && furthest < video.duration - 1) video.currentTime = furthest;
  });
  video.addEventListener('timeupdate', () => {
    // Normal playback advances ~0.25 s per event; only that extends the furthest point.
    if (!video.seeking && video.currentTime > furthest && video.currentTime - lastTime < 2) furthest = video.currentTime;
    lastTime = video.currentTime;
  });
  video.addEventListener('seeking', () => {
    if (!replay && video.currentTime > furthest + 1) {
      video.currentTime = furthest;
      say('不能拖动到尚未观看的位置。');
    }
  });
  video.addEventListener('ratechange', () => {
    if (video.playbackRate !== 1) { video.playbackRate = 1; say('不支持倍速播放。'); }
    beat();
  });
  video.addEventListener('play', (e) => {
    if (halted || !interactionPrompt.hidden || !identityPrompt.hidden) { video.pause(); e.preventDefault(); return; }
    beat();
  });
  for (const ev of ['pause', 'seeked', 'ended']) video.addEventListener(ev, () => beat());
  document.addEventListener('visibilitychange', () => { if (document.hidden) video.pause(); beat(); });
  window.addEventListener('blur', () => { video.pause(); beat(); });
  window.addEventListener('focus', () => beat());
  window.addEventListener('pagehide', () => beat(true));
  for (const ev of ['pointerdown', 'keydown', 'touchstart']) document.addEventListener(ev, () => { lastInteraction = new Date(); }, { passive: true });

  setInterval(() => beat(), interval);
  beat();

  async function beat(unloading = false) {
    if (halted) return;
    seq += 1;
    const body = JSON.stringify({
      token, seq, clientTime: new Date().toISOString(), position: video.currentTime || 0,
      playing: !video.paused && !video.ended, visible: document.visibilityState === 'visible', focused: document.hasFocus(),
      rate: video.playbackRate, lastInteraction: lastInteraction.toISOString(),
    });
    if (unloading) { navigator.sendBeacon?.(root.dataset.heartbeat, new Blob([body], { type: 'application/json' })); return; }
    try {
      const r = await fetch(root.dataset.heartbeat, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, credentials: 'same-origin' });
      const data = await r.json().catch(() => ({}));
      if (!r.ok) { if (r.status === 401) halt(data.message || '学习凭证已失效，请刷新页面。'); else say(data.message || '进度上报失败，稍后自动重试。'); return; }
      apply(data);
    } catch { say('网络异常，进度稍后自动重试上报。'); }
  }

  function apply(f) {
    if (f.stop) { halt(f.message); return; }
    if (typeof f.furthestPosition === 'number' && f.furthestPosition > furthest) furthest = f.furthestPosition;
    const session = $('session-effective'), today = $('today-effective');
    if (session) session.textContent = Math.floor(f.sessionEffectiveSeconds / 60);
    if (today) today.textContent = Math.floor(f.todayEffectiveSeconds / 60);
    say(f.message || '');
    if (!replay) {
      clearTimeout(interactionTimer);
      if (f.interactionDue) askInteraction();
      else interactionTimer = setTimeout(askInteraction, Math.max(1, f.interactionDueInSeconds) * 1000);
      if (f.identityCheck && f.identityCheck.due) askIdentity(f.identityCheck);
    }
    refresh();
  }

  function halt(text) {
    halted = true;
    video.pause();
    video.controls = false;
    stopped.textContent = text;
    stopped.hidden = false;
    interactionPrompt.hidden = true;
    identityPrompt.hidden = true;
    refresh();
  }

  function askInteraction() {
    if (halted || !interactionPrompt.hidden) return;
    video.pause();
    interactionPrompt.hidden = false;
  }
  $('interaction-confirm').addEventListener('click', async () => {
    interactionPrompt.hidden = true;
    const r = await fetch(root.dataset.interaction, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }), credentials: 'same-origin' });
    const data = await r.json().catch(() => ({}));
    if (r.ok) apply(data); else halt(data.message || '确认失败，请刷新页面。');
  });

  // Identity check (LRN-04, IDV-02): the server issues a capture (nonce + random challenge), the shared capture
  // module takes the frames, the server decides; a retry gets a fresh capture, pass/fail goes to the ledger.
  let capture = null, stream = null;
  const camera = identityPrompt.querySelector('video');
  const instruction = $('identity-instruction'), captureButton = $('identity-capture');

  async function askIdentity(check) {
    if (halted || identityCheck) return;
    identityCheck = check;
    video.pause();
    identityPrompt.hidden = false;
    captureButton.disabled = true;
    const r = await fetch(root.dataset.identityStart, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, checkId: check.id }), credentials: 'same-origin' });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { instruction.textContent = data.message || '无法开始人脸核验，请刷新页面。'; return; }
    capture = data;
    instruction.textContent = '请正对摄像头，将面部置于画面中央，然后点击“开始核验”。';
    try {
      stream = await openCamera(camera);
      captureButton.disabled = false;
    } catch {
      instruction.textContent = '无法打开摄像头：请允许本网站使用摄像头后重试。';
      await send([], 'camera');
    }
  }

  async function send(frames, problem) {
    const form = new FormData();
    form.append('token', token); form.append('checkId', identityCheck.id); form.append('captureId', capture.captureId);
    if (problem) form.append('problem', problem);
    frames.forEach((f, i) => form.append('frames', f, `frame-${i}.jpg`));
    const r = await fetch(root.dataset.identity, { method: 'POST', body: form, credentials: 'same-origin' });
    const data = await r.json().catch(() => ({}));
    if (r.ok && data.retry) {
      capture = data.nextCapture;
      instruction.textContent = data.message || '请调整后重试。';
      captureButton.disabled = !stream || !capture;
      return;
    }
    stream?.getTracks().forEach((t) => t.stop());
    stream = null; capture = null;
    identityPrompt.hidden = true;
    identityCheck = null;
    if (r.ok) apply(data); else say(data.message || '核验提交失败，请重试。');
  }

  captureButton.addEventListener('click', async () => {
    if (!identityCheck || !capture || !stream) return;
    captureButton.disabled = true;
    let aborted = false;
    const onHide = () => { aborted = true; };
    document.addEventListener('visibilitychange', onHide, { once: true });
    const frames = await captureFrames(camera, capture.frames || 8, (phase) => {
      instruction.textContent = phase === 'front' ? '请正对摄像头，保持不动……' : capture.instruction;
    }, () => aborted);
    document.removeEventListener('visibilitychange', onHide);
    instruction.textContent = '正在核验，请稍候……';
    await send(frames || [], frames ? null : 'interrupted');
  });
}
