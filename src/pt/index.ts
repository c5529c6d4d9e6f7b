// The port to Packet Tracer, in one import: the IpcAPI shapes the engine uses
// (each file cites its reference pages) and the Host that carries PT's globals.

export * from "./app-window";
export * from "./email";
export * from "./events";
export * from "./host";
export * from "./network";
export * from "./ports";
export * from "./processes";
export * from "./servers";
