// Fetch-once loading: the bytes behind a URL are fetched at most once per page or worker, however many
// figures ask; a failed fetch is forgotten, so a later request tries again.
const cache = new Map();  // url → Promise<ArrayBuffer>

/** The bytes at `url`; `what` names them in the error ("the WebAssembly core", "the MNIST digits"). */
export function fetchOnce(url, what) {
  const key = String(url);
  if (!cache.has(key)) {
    const bytes = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`could not load ${what} from ${key}: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    bytes.catch(() => cache.delete(key));
    cache.set(key, bytes);
  }
  return cache.get(key);
}

const finished = new Map();  // url → ArrayBuffer, for downloads with progress that completed

/**
 * The bytes at `url`, read as they arrive so onProgress(received, total) can show it (total from
 * Content-Length, or null); signal (an AbortSignal) cancels with an AbortError. A completed download is
 * kept for the page; a cancelled or failed one is not.
 */
export async function fetchWithProgress(url, what, { onProgress = () => {}, signal } = {}) {
  const key = String(url);
  if (finished.has(key)) {
    const bytes = finished.get(key);
    onProgress(bytes.byteLength, bytes.byteLength);
    return bytes;
  }
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`could not load ${what} from ${key}: HTTP ${response.status}`);
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
  finished.set(key, bytes.buffer);
  return bytes.buffer;
}
