// Importing the element defines <batchnorm-playground>; Vite follows its new URL(…, import.meta.url) references
// and emits the training worker and the WebAssembly — and no digits: this app does not import them.
import 'batchnorm-playground/element';
