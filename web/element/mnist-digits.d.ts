// Types of `batchnorm-playground/mnist-digits`: importing it (for its side effect) gives the mnist figure its
// digit files, which a bundler then copies into the build. It exports nothing.
export {};
