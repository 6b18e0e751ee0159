// What the build's classic JSX transform calls (widget/build.ts injects it): `h(type, props,
// ...children)` is shorter in the bundle than the automatic runtime's `jsx(type, { children })`.
export { Fragment, h } from 'preact';
