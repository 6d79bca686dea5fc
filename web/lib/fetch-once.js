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
