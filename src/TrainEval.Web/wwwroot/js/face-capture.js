// Face capture (IDV-01/03): camera → a short random active challenge → several frames → the server decides.
// The page never decides anything itself; it only shows the server's answer (pass / retry / fail with the reason).
const root = document.getElementById('face-capture');

/** Captures `count` JPEG frames from a playing <video>: two frontal, the rest while the challenge is performed. */
export async function captureFrames(video, count, onPhase, isAborted) {
  const canvas = document.createElement('canvas');
  const frames = [];
  const grab = async () => {
    const w = video.videoWidth, h = video.videoHeight;
    const scale = Math.min(1, 640 / Math.max(w, h));
    canvas.width = Math.round(w * scale); canvas.height = Math.round(h * scale);
    canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
    frames.push(await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85)));
  };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  onPhase('front');
  await wait(700);
  for (let i = 0; i < 2; i++) { if (isAborted()) return null; await grab(); await wait(200); }
  onPhase('challenge');
  await wait(400);
  for (let i = 2; i < count; i++) { if (isAborted()) return null; await grab(); await wait(250); }
  return frames;
}

export async function postFrames(endpoint, frames, problem) {
  const form = new FormData();
  if (problem) form.append('problem', problem);
  (frames || []).forEach((f, i) => form.append('frames', f, `frame-${i}.jpg`));
  const r = await fetch(endpoint, { method: 'POST', body: form, credentials: 'same-origin' });
  const data = await r.json().catch(() => ({ message: '服务器没有返回结果，请重试。' }));
  return { ok: r.ok, data };
}

/** Replaces the live preview with its current frame (mirrored like the preview) so the camera can be switched off. */
export function freezePreview(video) {
  if (!video.videoWidth) return;
  const still = document.createElement('canvas');
  still.width = video.videoWidth; still.height = video.videoHeight;
  still.getContext('2d').drawImage(video, 0, 0);
  still.className = 'face-still';
  still.dataset.testid = 'capture-still';
  video.after(still);
  video.hidden = true;
}

export async function openCamera(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false });
  video.srcObject = stream;
  await new Promise((resolve) => { if (video.readyState >= 2) resolve(); else video.onloadeddata = () => resolve(); });
  await video.play().catch(() => {});
  return stream;
}

const instructions = {
  blink: '请正对摄像头，缓慢眨眼两次',
  'turn-left': '请缓慢向左转头，然后转回',
  'turn-right': '请缓慢向右转头，然后转回',
  none: '请正对摄像头，保持不动',
};

if (root) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const video = $('capture-video'), start = $('capture-start'), say = $('capture-instruction');
  const result = $('capture-result'), next = $('capture-next');
  const challenge = root.dataset.challenge, count = Number(root.dataset.frames) || 8, endpoint = root.dataset.endpoint;
  let stream = null, aborted = false, busy = false;

  const show = (kind, text) => { result.hidden = false; result.className = `alert ${kind}`; result.textContent = text; };
  const link = (href, text) => { next.hidden = false; next.replaceChildren(); const a = document.createElement('a'); a.href = href; a.className = 'btn'; a.textContent = text; a.dataset.testid = 'capture-continue'; next.append(a); };

  document.addEventListener('visibilitychange', () => { if (document.hidden && busy) aborted = true; });

  try {
    stream = await openCamera(video);
    start.disabled = false;
  } catch {
    root.dataset.camera = 'off';
    start.hidden = true;
    $('capture-camera-off').hidden = false;
    say.textContent = '无法打开摄像头：请在浏览器中允许本网站使用摄像头，或改用人工核验。';
    const { data } = await postFrames(endpoint, [], 'camera');
    show('alert-error', data.message || '无法使用摄像头。');
    link('/my/identity', '选择人工核验');
  }

  start.addEventListener('click', async () => {
    if (busy || !stream) return;
    busy = true; aborted = false; start.disabled = true; result.hidden = true;
    const frames = await captureFrames(video, count, (phase) => {
      say.textContent = phase === 'front' ? '请正对摄像头，保持不动……' : instructions[challenge] || instructions.none;
    }, () => aborted);
    // The frames are taken: keep the last picture on screen and switch the camera off before the server answers.
    freezePreview(video);
    stream.getTracks().forEach((t) => t.stop());
    start.hidden = true;   // this capture is used up; a retry comes with a link to a new one
    say.textContent = '正在核验，请稍候……';
    const { ok, data } = await postFrames(endpoint, frames, frames ? null : 'interrupted');
    busy = false;
    if (!ok) { show('alert-error', data.message || '核验提交失败。'); link('/my/identity', '返回身份核验'); return; }
    root.dataset.outcome = data.outcome;
    if (data.outcome === 'pass') {
      say.textContent = '核验通过';
      show('alert-success', data.message);
      link(data.returnUrl || '/', '继续');
    } else if (data.outcome === 'retry') {
      say.textContent = '请按提示调整后重试';
      show('alert-warn', data.message);
      if (data.next) link(data.next, '重新核验');
    } else {
      say.textContent = '核验未通过';
      show('alert-error', data.message);
      link('/my/identity', '查看核验记录');
    }
  });
}
