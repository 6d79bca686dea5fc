// Which figures and panels are on screen (one IntersectionObserver for the page): figures train only while
// shown, and panels off screen are not redrawn. A margin of 100 px starts them just before they scroll in.
const callbacks = new Map(); // element → onChange(shown)
let observer = null;

/** Calls onChange(shown) now-ish and whenever `target` enters or leaves the viewport; returns a stop function. */
export function watchVisibility(target, onChange) {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: '100px 0px' },
  );
  callbacks.set(target, onChange);
  observer.observe(target);
  return () => {
    callbacks.delete(target);
    observer.unobserve(target);
  };
}
