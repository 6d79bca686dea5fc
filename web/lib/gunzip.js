// gzip-compressed bytes unpacked with the platform's DecompressionStream (browsers, workers, node ≥ 18).

/** The bytes of a gzip file; `what` names them in the error ("the MNIST data file"). */
export async function gunzip(bytes, what) {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).arrayBuffer();
  } catch (error) {
    throw new Error(`${what} is damaged: it does not decompress (${error.message})`, { cause: error });
  }
}
