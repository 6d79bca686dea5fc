// Fetch-once loading: the bytes behind a URL are fetched at most once per page or worker, however many
// figures ask; a failed fetch is forgotten, so a later request tries again.
const cache = new Map(); // url → Promise<ArrayBuffer>

/** The bytes at `url`; `what` names them in the error ("the WebAssembly core", "the MNIST digits"). */
export function fetchOnce(url, what) {
  const key = String(url);
  if (!cache.has(key))
    remember(
      key,
      key.startsWith('data:')
        ? Promise.resolve().then(() => dataUrlBytes(key, what))
        : fetch(url).then((response) => ok(response, what, key).arrayBuffer()),
    );
  return cache.get(key);
}

/**
 * fetchOnce for a large file a reader waits for: read as it arrives so onProgress(received, total) can show it
 * (total from Content-Length, or null); signal (an AbortSignal) cancels with an AbortError. Only a completed
 * download is remembered (a cancelled one must not answer the next request).
 */
export async function fetchWithProgress(url, what, { onProgress = () => {}, signal } = {}) {
  const key = String(url);
  if (cache.has(key)) {
    const bytes = await cache.get(key);
    onProgress(bytes.byteLength, bytes.byteLength);
    return bytes;
  }
  const response = ok(await fetch(url, { signal }), what, key);
  const total = Number(response.headers.get('Content-Length')) || null;
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) (bytes.set(chunk, at), (at += chunk.length));
  remember(key, Promise.resolve(bytes.buffer));
  return bytes.buffer;
}

function ok(response, what, key) {
  if (!response.ok) throw new Error(`could not load ${what} from ${key}: HTTP ${response.status}`);
  return response;
}

function remember(key, bytes) {
  bytes.catch(() => cache.delete(key));
  cache.set(key, bytes);
}

/**
 * The bytes of a base64 data: URL (the embed script carries its WebAssembly so), decoded here rather than
 * fetched: a page whose Content-Security-Policy limits connect-src (or default-src) need not allow data:.
 */
function dataUrlBytes(url, what) {
  const comma = url.indexOf(',');
  if (comma < 0 || !/;base64$/.test(url.slice(0, comma))) throw new Error(`${what}: not a base64 data: URL`);
  const text = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
