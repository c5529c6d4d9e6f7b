// The model of what Packet Tracer does with a mail: pure functions over a
// snapshot of what a script can read through IPC. The simulator runs on it;
// the engine will ship it (ES2016, no DOM, no Node).

export {
  behaviourWith,
  defaultBehaviour,
  type Evidence,
  PT_BEHAVIOUR,
  type PtBehaviour,
  type SwitchName,
} from "./behaviour";
export type { OpenSession } from "./context";
export { DSN_FROM, DSN_SUBJECT, type DsnKind, type DsnMail, dsnMail, ptDate } from "./dsn";
export { decideFate, type Fate, type FateStep, type Outcome, sessionFate } from "./fate";
export {
  type CauseGroup,
  causeKey,
  type DeliveryMatrix,
  deliveryMatrix,
  groupCauses,
  type MailClient,
  type MatrixCell,
  type Predicted,
  rosterOf,
} from "./matrix";
export { type Reach, reachAddress } from "./reach";
export type { RowResult, RuleRow, Stage, Wait } from "./row";
export { PROGRESS, RULES } from "./rules";
export type {
  DeviceFacts,
  DeviceKind,
  DnsServerFacts,
  LinkEnd,
  LinkFacts,
  MailFacts,
  MailServerFacts,
  PortFacts,
  RoutingFacts,
  Snapshot,
} from "./snapshot";
export { indexTopology, type Topology } from "./topology";
