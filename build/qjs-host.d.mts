// Types for qjs-host.mjs, for the tests that call it.
export function qjsHost(flavour: "qt5" | "qt6" | string): string;
