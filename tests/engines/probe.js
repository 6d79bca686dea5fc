// Loaded first by every page the other engines' tests serve (helpers.js: serve with `probe`): records what
// went wrong from the first moment — uncaught errors (the ResizeObserver loop warning among them), rejected
// promises, console errors, resources that failed to load and Content-Security-Policy violations — in
// window.bnpProblems, which the tests read, since their drivers cannot listen to every engine's console.
window.bnpProblems = [];
const note = (text) => window.bnpProblems.push(text);
addEventListener(
  'error',
  (event) => {
    const target = event.target;
    if (target && target !== window) note(`failed to load ${target.src || target.href || target.tagName}`);
    else note(`page error: ${event.message}`);
  },
  true,
);
addEventListener('unhandledrejection', (event) => note(`unhandled rejection: ${event.reason}`));
document.addEventListener('securitypolicyviolation', (event) =>
  note(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`),
);
const consoleError = console.error.bind(console);
console.error = (...args) => {
  note(`console: ${args.join(' ')}`);
  consoleError(...args);
};
