// An app that shows the mnist figure: the element, and the digits for Vite to copy into the build.
import 'batchnorm-playground/element';
import 'batchnorm-playground/mnist-digits';
