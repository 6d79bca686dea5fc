// The MNIST files for the mnist figure, as URLs bundlers follow: importing this module (the package's
// `batchnorm-playground/mnist-digits`) makes Vite (and the page's own build) copy them next to the scripts. An
// app without the mnist figure leaves it out and ships no digits.
import { useDataUrls } from '../runtime/loaders.js';

useDataUrls({
  small: new URL('../lib/generated/mnist.bin', import.meta.url),
  full: new URL('../lib/generated/mnist-full.bin.gz', import.meta.url),
});
