// A D-ID Talks client on Node's built-in fetch, FormData and Blob (no packages), the way many Node
// projects call D-ID: `Authorization: Basic ${Buffer.from(key).toString('base64')}`, and an SSML
// fragment with a pause, sent without a <speak> root.
//
// Usage: node fetch_builtin.mjs BASE_URL PHOTO DEADLINE_SECONDS
// Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

const [baseUrl, photo, deadlineArg] = process.argv.slice(2);
const apiKey = process.env.DID_API_KEY;
if (!baseUrl || !photo || !deadlineArg || !apiKey) {
  console.error('usage: DID_API_KEY=<key> node fetch_builtin.mjs BASE_URL PHOTO DEADLINE_SECONDS');
  process.exit(2);
}
const api = baseUrl.replace(/\/$/, '');
const authorization = `Basic ${Buffer.from(apiKey).toString('base64')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function didFetch(path, { expect, ...init } = {}) {
  const res = await fetch(`${api}${path}`, {
    ...init,
    headers: { accept: 'application/json', authorization, ...(init.headers || {}) },
  });
  const text = await res.text();
  console.log(`${init.method || 'GET'} ${path} -> ${res.status}`);
  if (res.status !== expect) {
    throw new Error(`${init.method || 'GET'} ${path}: expected HTTP ${expect}, got ${res.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

async function main() {
  const form = new FormData();
  form.append('image', new Blob([await readFile(photo)], { type: 'image/png' }), basename(photo));
  const image = await didFetch('/images', { method: 'POST', body: form, expect: 201 });
  console.log(`uploaded: ${image.url}`);

  const body = {
    source_url: image.url,
    script: {
      type: 'text',
      ssml: true,
      input: 'Hello <break time="500ms"/> there.',
      provider: { type: 'microsoft', voice_id: 'en-US-JennyNeural' },
    },
    config: { stitch: false },
  };
  if (process.env.WEBHOOK_URL) body.webhook = process.env.WEBHOOK_URL;
  const created = await didFetch('/talks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    expect: 201,
  });
  console.log(`TALK_ID=${created.id}`);

  const deadline = Date.now() + Number(deadlineArg) * 1000;
  let talk;
  for (;;) {
    talk = await didFetch(`/talks/${created.id}`, { expect: 200 });
    if (talk.status === 'done') break;
    if (talk.status === 'error' || talk.status === 'rejected') {
      throw new Error(`talk ${talk.id} ended in ${talk.status}: ${JSON.stringify(talk.error)}`);
    }
    if (Date.now() > deadline) throw new Error(`talk ${talk.id} still ${talk.status} at the deadline`);
    await sleep(1000);
  }
  console.log(`done: ${talk.duration} s of video, voice ${talk.metadata && talk.metadata.voice}`);

  const video = Buffer.from(await (await fetch(talk.result_url)).arrayBuffer());
  if (video.subarray(4, 8).toString('latin1') !== 'ftyp') {
    throw new Error(`result_url is not an MP4: ${video.subarray(0, 12).toString('hex')}`);
  }
  console.log(`downloaded ${video.length} bytes`);

  const { talks } = await didFetch('/talks?limit=20', { expect: 200 });
  if (!talks.some((t) => t.id === talk.id)) throw new Error(`${talk.id} is not in GET /talks`);

  const deleted = await didFetch(`/talks/${talk.id}`, { method: 'DELETE', expect: 200 });
  if (deleted.id !== talk.id) throw new Error(`DELETE answered ${JSON.stringify(deleted)}`);
  console.log('OK');
}

main().catch((err) => {
  console.error(`FAILED: ${err.message}`);
  process.exit(1);
});
