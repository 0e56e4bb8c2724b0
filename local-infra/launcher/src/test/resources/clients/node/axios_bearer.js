// A D-ID Talks client in the style of Node back ends that use axios: an axios instance with
// `Authorization: Bearer <key>`, the photo streamed with the form-data package, and the voice named
// the way D-ID's voice list shows it ("Jenny", provider microsoft) rather than by its id.
//
// Usage: node axios_bearer.js BASE_URL PHOTO DEADLINE_SECONDS
// Env:   DID_API_KEY (required), WEBHOOK_URL (optional), NODE_PATH (where axios is installed),
const fs = require('fs');
const axios = require('axios');
const FormData = require('form-data');

const [baseURL, photo, deadlineSeconds] = process.argv.slice(2);
if (!baseURL || !photo || !deadlineSeconds || !process.env.DID_API_KEY) {
  console.error('usage: DID_API_KEY=<key> node axios_bearer.js BASE_URL PHOTO DEADLINE_SECONDS');
  process.exit(2);
}

const did = axios.create({
  baseURL,
  headers: { Authorization: `Bearer ${process.env.DID_API_KEY}`, Accept: 'application/json' },
  timeout: 30000,
});
const voiceId = 'Jenny'; // by its name, as GET /tts/voices lists it

async function createTalk(sourceUrl) {
  const { data } = await did.post('/talks', {
    source_url: sourceUrl,
    script: {
      type: 'text',
      input: 'Axios sent this request with a bearer token.',
      provider: { type: 'microsoft', voice_id: voiceId },
    },
    config: { result_format: 'mp4' },
    ...(process.env.WEBHOOK_URL ? { webhook: process.env.WEBHOOK_URL } : {}),
  });
  return data;
}

async function waitUntilDone(id) {
  const deadline = Date.now() + Number(deadlineSeconds) * 1000;
  while (Date.now() < deadline) {
    const { data } = await did.get(`/talks/${id}`);
    console.log(`  ${id}: ${data.status}`);
    if (data.status === 'done') return data;
    if (['error', 'rejected'].includes(data.status)) {
      throw new Error(`talk ended in ${data.status}: ${JSON.stringify(data.error)}`);
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new Error(`talk ${id} not done after ${deadlineSeconds} s`);
}

(async () => {
  const form = new FormData();
  form.append('image', fs.createReadStream(photo));
  const upload = await did.post('/images', form, { headers: form.getHeaders() });
  if (upload.status !== 201) throw new Error(`POST /images answered ${upload.status}`);
  console.log(`POST /images -> ${upload.status} ${upload.data.url}`);

  const created = await createTalk(upload.data.url);
  console.log(`POST /talks -> ${created.status}`);
  console.log(`TALK_ID=${created.id}`);

  const talk = await waitUntilDone(created.id);
  console.log(`result: ${talk.result_url}`);

  // The result link is signed: fetched with a plain axios call, without the key.
  const video = await axios.get(talk.result_url, { responseType: 'arraybuffer' });
  const bytes = Buffer.from(video.data);
  if (bytes.toString('latin1', 4, 8) !== 'ftyp') throw new Error('the result is not an MP4');
  console.log(`video: ${bytes.length} bytes`);

  const { data: list } = await did.get('/talks', { params: { limit: 30 } });
  if (!list.talks.find((t) => t.id === talk.id)) throw new Error(`${talk.id} missing from GET /talks`);
  console.log(`GET /talks -> ${list.talks.length} talks, ${talk.id} among them`);

  const deleted = await did.delete(`/talks/${talk.id}`);
  if (deleted.status !== 200 || deleted.data.id !== talk.id) {
    throw new Error(`DELETE answered ${deleted.status} ${JSON.stringify(deleted.data)}`);
  }
  console.log(`DELETE /talks/${talk.id} -> ${deleted.status}`);
  console.log('OK');
})().catch((err) => {
  // axios rejects non-2xx answers; show what the server said
  const detail = err.response
    ? `${err.config.method.toUpperCase()} ${err.config.url}: HTTP ${err.response.status}: ${JSON.stringify(err.response.data)}`
    : err.message;
  console.error(`FAILED: ${detail}`);
  process.exit(1);
});
