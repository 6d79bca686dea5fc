// The whole integration: importing the element defines <batchnorm-playground>; Vite follows its
// new URL(…, import.meta.url) references and emits the training worker, the WebAssembly and the digits.
import 'batchnorm-playground/element';
