// Entry of the embed bundle (dist/embed/batchnorm-playground.js): defines <batchnorm-playground>.
export { BatchnormPlayground, FIGURES } from './batchnorm-playground.js';
