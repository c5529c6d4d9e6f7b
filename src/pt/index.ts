// The port to Packet Tracer, in one import: the IpcAPI shapes the engine uses
// (each file cites its reference pages) and the Host that carries PT's globals.
export * from "./events";
export * from "./network";
export * from "./email";
export * from "./app-window";
export * from "./host";
